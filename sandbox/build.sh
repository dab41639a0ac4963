#!/usr/bin/env bash
# Builds what every sandbox component needs and the cache lacks: binaries from the
# Go module proxy, images from Debian's packages. Safe to run again: what is
# already built for its pinned version or recipe is kept as it is.
source "$(dirname "$0")/lib/common.sh"
source "$SANDBOX_DIR/components.sh"

[ -n "${KUBEFLOW_BDD_PREREQUISITES_CHECKED:-}" ] || check_prerequisites build
require_go
start=$SECONDS
# Downloads wait on the network and the disk, Go's builds on the cores: the one runs
# beside the other, which takes minutes off a cold build. A component that fetches
# is built after its fetch, so the two never make the same file.
# Its own process group, so a build that stops early stops the downloads too.
set -m
( for name in "${COMPONENTS[@]}"; do component "$name" fetch; done ) &
fetching=$!
set +m
# An unexpected failure under set -e would end the build without a word: the ERR trap
# (in functions too, -E) keeps the command, and the EXIT trap names it. die() says its
# own error and leaves nothing kept.
set -E
trap 'failed="${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"' ERR
trap 'status=$?
kill -- -"$fetching" 2>/dev/null || true
[ "$status" = 0 ] || [ -z "${failed:-}" ] || printf "[sandbox] error: the build stopped where a command failed (exit %s), at %s\n[sandbox] fix: read the lines above; npm run sandbox:build builds again, keeping what is built\n" "$status" "$failed" >&2
exit "$status"' EXIT
fetched_first=()
for name in "${COMPONENTS[@]}"; do
  if declare -F "$name::fetch" >/dev/null; then fetched_first+=("$name"); else component "$name" build; fi
done
wait "$fetching" || die "fetching what the images need failed (see above)." "Read the error above, then run npm run sandbox:build again."
for name in "${fetched_first[@]}"; do component "$name" build; done
say "everything built, in $CACHE_DIR ($((SECONDS - start))s)"
