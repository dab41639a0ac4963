# Shared by the sandbox scripts: paths, versions and messages. Sourced, not run.
set -euo pipefail

SANDBOX_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$SANDBOX_DIR")
# shellcheck source=versions.env
source "$SANDBOX_DIR/versions.env"

# Built binaries are keyed by version and live outside the work tree, so a fresh
# checkout on the same machine starts in seconds.
CACHE_DIR=${KUBEFLOW_BDD_CACHE:-$HOME/.cache/kubeflow-bdd}
BIN_DIR=$CACHE_DIR/bin
SRC_DIR=$CACHE_DIR/src
# Runtime state of the running sandbox: pids, certificates, logs, kubeconfig.
STATE_DIR=$REPO_DIR/.sandbox

export GOTOOLCHAIN=local GOFLAGS=-mod=mod

say() { printf '[sandbox %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[sandbox] error: %s\n' "$1" >&2; [ -n "${2:-}" ] && printf '[sandbox] fix: %s\n' "$2" >&2; exit 1; }
