#!/usr/bin/env bash
# Installs the Debian packages Cadence needs to build and test, if they are missing:
# ncursesw (the planner's terminal UI), tmux (the end-to-end tests drive the UI in it) and git
# (teams share the calendar in it; the tests merge real repositories).
set -euo pipefail

packages=(libncursesw5-dev tmux git)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "Installing ${missing[*]} ..." >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
