#!/usr/bin/env bash
# Builds what every sandbox component needs and the cache lacks: binaries from the
# Go module proxy, images from Debian's packages. Safe to run again: what is
# already built for its pinned version or recipe is kept as it is.
source "$(dirname "$0")/lib/common.sh"
source "$SANDBOX_DIR/components.sh"

[ -n "${KUBEFLOW_BDD_PREREQUISITES_CHECKED:-}" ] || check_prerequisites build
require_go
start=$SECONDS
for name in "${COMPONENTS[@]}"; do component "$name" build; done
say "everything built, in $CACHE_DIR ($((SECONDS - start))s)"
