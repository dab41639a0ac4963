#!/usr/bin/env bash
# The sandbox's answers to bad situations, each naming the problem and the fix: Go
# missing, a build command that fails unexpectedly, the module proxy unreachable, an image build that fails, a sandbox already
# running, a port in use, the state a crashed run left, too little disk for the
# images, a machine without runc and apt-get (every missing package listed at once,
# with the command), and a Debian package missing where apt-get can install it.
# Takes the running sandbox down and up again on the way.
source "$(dirname "$0")/../sandbox/lib/common.sh"
source "$SANDBOX_DIR/components.sh"
fail() { echo "not ok - $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

# expect <what> <exit code> <pattern> <command...>: the command ends so and says so.
expect() {
  local what=$1 code=$2 pattern=$3 output status=0; shift 3
  output=$("$@" 2>&1) || status=$?
  [ "$status" = "$code" ] || fail "$what: exit code $status, not $code. It said: $output"
  grep -qE "$pattern" <<<"$output" || fail "$what: it did not say /$pattern/. It said: $output"
  ok "$what"
}
# expect_each <what> <exit code> <command> -- <pattern>...: the command ends so and says each, on a line of its own.
expect_each() {
  local what=$1 code=$2 output status=0 command=() pattern; shift 2
  while [ "$1" != -- ]; do command+=("$1"); shift; done; shift
  output=$("${command[@]}" 2>&1) || status=$?
  [ "$status" = "$code" ] || fail "$what: exit code $status, not $code. It said: $output"
  for pattern in "$@"; do grep -qE "$pattern" <<<"$output" || fail "$what: it did not say /$pattern/. It said: $output"; done
  ok "$what"
}
scratch=$(mktemp -d)
trap 'umount "$scratch/small" 2>/dev/null; chmod -R u+w "$scratch"; rm -rf "$scratch"' EXIT

no_go_path=$(tr ':' '\n' <<<"$PATH" | while read -r dir; do [ -x "$dir/go" ] || printf '%s:' "$dir"; done)
if PATH=$no_go_path command -v bash >/dev/null; then
  expect "Go missing" 1 'error: Go is not installed' env PATH="$no_go_path" bash "$SANDBOX_DIR/build.sh"
else
  ok "Go missing # SKIP go sits beside bash here"
fi
# A command that fails where nothing expects it (as a grep without a match once did)
# stops the build under set -e; it must say which command, not stop without a word.
mkdir "$scratch/unexpected" && cp -a "$SANDBOX_DIR" "$scratch/unexpected/sandbox"
sed -i '/^component() {/a\  local probe; probe=$(grep -h nothing /dev/null)' "$scratch/unexpected/sandbox/components.sh"
expect "an unexpected failure in the build" 1 'error: the build stopped where a command failed \(exit 1\), at components\.sh:[0-9]+: probe=\$\(grep -h nothing /dev/null\)' \
  env KUBEFLOW_BDD_CACHE="$scratch/unexpected-cache" KUBEFLOW_BDD_PREREQUISITES_CHECKED=1 bash "$scratch/unexpected/sandbox/build.sh"
expect "the module proxy unreachable" 1 'error: .* the Go module proxy could not be reached' \
  env KUBEFLOW_BDD_CACHE="$scratch/cache" GOMODCACHE="$scratch/modules" GOPROXY=http://127.0.0.1:9 bash "$SANDBOX_DIR/build.sh"
# An image recipe that names a package Debian does not have, in a copy of the sandbox.
cp -r "$SANDBOX_DIR" "$scratch/sandbox" && mkdir -p "$scratch/sandbox/images/0-broken"
printf 'PACKAGES="python3 no-such-package-kfbdd"\n' >"$scratch/sandbox/images/0-broken/recipe.env"
expect "an image build that fails" 1 'fix: .*a package Debian bookworm does not have \(check PACKAGES in sandbox/images/0-broken/recipe.env\)' \
  env KUBEFLOW_BDD_CACHE="$scratch/cache" bash -c 'source "$1/lib/common.sh" && source "$1/components.sh" && component images build' _ "$scratch/sandbox"
mkdir "$scratch/small" && mount -t tmpfs -o size=64m kfbdd-small "$scratch/small" || fail "could not mount a small tmpfs"
expect "too little disk for the images, found before anything is built" 1 'only 0 GB free under .*needs about 12 GB' \
  env KUBEFLOW_BDD_CACHE="$scratch/small" bash "$SANDBOX_DIR/prerequisites.sh"
# PATH as it is, but without the given tools: each folder that has one is replaced by links to the rest.
path_without() {
  local dir tool link=$scratch/path-$RANDOM
  tr ':' '\n' <<<"$PATH" | while read -r dir; do
    local hidden=0
    for tool in "$@"; do [ -x "$dir/$tool" ] && hidden=1; done
    if (( hidden )); then
      mkdir -p "$link$dir"
      for tool in "$dir"/*; do [[ " $* " == *" ${tool##*/} "* ]] || ln -sf "$tool" "$link$dir/"; done
      printf '%s:' "$link$dir"
    else printf '%s:' "$dir"; fi
  done
}
# Without apt-get nothing is installed: every missing package is named at once, with the command.
expect_each "a machine without runc, mmdebstrap and apt-get" 1 env PATH="$(path_without runc mmdebstrap apt-get)" bash "$SANDBOX_DIR/prerequisites.sh" -- \
  'error: missing Debian packages:' '^  mmdebstrap: builds the images from Debian.s packages' '^  runc: the real node runs containers with it' \
  'fix: apt-get install (mmdebstrap runc|runc mmdebstrap)' 
# Where apt-get can, a missing package is installed, saying what and why.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq mmdebstrap >/dev/null 2>&1 || fail "could not remove mmdebstrap"
  expect_each "a missing Debian package installed with apt-get" 0 bash "$SANDBOX_DIR/prerequisites.sh" -- \
    'missing Debian packages the sandbox needs:' 'mmdebstrap: builds the images from Debian.s packages' 'installing them with apt-get' 
  command -v mmdebstrap >/dev/null || fail "mmdebstrap is still missing after prerequisites.sh"
else
  ok "a missing Debian package installed with apt-get # SKIP not root on Debian"
fi
expect "a sandbox already running" 0 'the sandbox is already running; nothing to do' bash "$SANDBOX_DIR/up.sh"

bash "$SANDBOX_DIR/down.sh" >/dev/null 2>&1 || fail "the sandbox did not go down"
node -e "require('net').createServer().listen($PODDEFAULT_WEBHOOK_PORT, '127.0.0.1')" &
listener=$!
until port_in_use "$PODDEFAULT_WEBHOOK_PORT"; do sleep 0.1; done
expect "a port in use" 1 "error: port $PODDEFAULT_WEBHOOK_PORT on 127.0.0.1 is in use" bash "$SANDBOX_DIR/up.sh"
kill "$listener"; wait "$listener" 2>/dev/null || true

bash "$SANDBOX_DIR/up.sh" >/dev/null 2>&1 || fail "the sandbox did not come up again"
# A crash: every process gone at once, the state left behind.
for pidfile in "$KWOK_WORKDIR/clusters/$CLUSTER_NAME"/pids/*.pid "$PID_DIR"/*.pid; do kill -KILL "$(cat "$pidfile")"; done
expect "the state of a crashed run" 0 'found state of a sandbox that is not running .*cleaning it up first' bash "$SANDBOX_DIR/up.sh"
after_crash=$(bash "$SANDBOX_DIR/status.sh" 2>&1) && ok "the sandbox runs again" || fail "the sandbox does not run after the crash. Its status:
$after_crash"
