#!/usr/bin/env bash
# Installs the Debian packages given (default: what building Cadence needs), when missing.
#   libncurses-dev  ncursesw, for the planner's terminal UI (libncursesw5-dev on Debian 12 is a
#                   transitional name for it)
#   tmux            the end-to-end tests drive the planner in it
#   git             SwiftPM fetches the Swift packages with it; teams share the calendar in it;
#                   the tests merge real repositories
#   python3-icalendar  the tests read 'cadence export --format ics' with a real iCalendar parser
set -euo pipefail

packages=("$@")
[ ${#packages[@]} -eq 0 ] && packages=(libncurses-dev git)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "Cadence needs these Debian packages: ${missing[*]}" >&2
  echo "Install them as root (apt-get install ${missing[*]}), then run this again." >&2
  exit 1
fi
echo "Installing ${missing[*]} ..." >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
