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
trap 'kill -- -"$fetching" 2>/dev/null || true' EXIT
fetched_first=()
for name in "${COMPONENTS[@]}"; do
  if declare -F "$name::fetch" >/dev/null; then fetched_first+=("$name"); else component "$name" build; fi
done
wait "$fetching" || die "fetching what the images need failed (see above)." "Read the error above, then run npm run sandbox:build again."
for name in "${fetched_first[@]}"; do component "$name" build; done
say "everything built, in $CACHE_DIR ($((SECONDS - start))s)"
