#!/usr/bin/env bash
# Sets up and runs Cadence: installs what it needs, builds it (release) and runs it with the
# arguments given, e.g. `scripts/run.sh init` or `scripts/run.sh check`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup-system.sh"
binary="$root/.build/release/cadence"
# The build is quiet, so say why the screen waits when there is something to build.
if [ ! -x "$binary" ] || [ -n "$(find "$root/Sources" "$root/templates" "$root/Package.swift" -newer "$binary" -print -quit)" ]; then
  echo "Building Cadence (release; the first build takes a few minutes) ..." >&2
fi
swift build --package-path "$root" -c release --product cadence --quiet >&2
touch "$binary"  # built from the sources as they are now (a build that changed nothing does not relink)
exec "$binary" "$@"
