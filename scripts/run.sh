#!/usr/bin/env bash
# Sets up and runs Cadence: installs what it needs, builds it (release) and runs it with the
# arguments given, e.g. `scripts/run.sh init` or `scripts/run.sh check`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup-system.sh"
swift build --package-path "$root" -c release --product cadence --quiet >&2
exec "$root/.build/release/cadence" "$@"
