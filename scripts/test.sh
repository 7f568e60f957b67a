#!/usr/bin/env bash
# Sets up and runs every test: installs what the tests need, builds, and runs the core tests,
# the command-line tests (through the built binary) and the terminal tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup-system.sh" libncurses-dev tmux git python3-icalendar
cd "$root"
swift build --build-tests
swift test --skip-build
