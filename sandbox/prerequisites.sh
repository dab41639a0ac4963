#!/usr/bin/env bash
# Checks what the sandbox needs of this machine and installs the Debian packages it
# lacks where it can (see lib/prerequisites.sh); `up` and `build` do the same first.
#   prerequisites.sh           what building the sandbox needs
#   prerequisites.sh --tests   and what `npm test` needs besides (chromium, python3-venv)
source "$(dirname "$0")/lib/common.sh"
source "$SANDBOX_DIR/components.sh"

case ${1:-} in
  '' | --tests) check_prerequisites build "${1:-}" ;;
  *) die "unknown option '$1'." "usage: bash sandbox/prerequisites.sh [--tests]" ;;
esac
if [ -n "${1:-}" ]; then say "this machine has what the sandbox and npm test need"; else say "this machine has what the sandbox needs"; fi
