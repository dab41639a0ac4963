#!/usr/bin/env bash
# Builds one of the sandbox's images (a recipe under sandbox/images/) as it is now
# and pushes it to the running sandbox's registry, then prints its reference. For
# images that change with the project, like the harness's own, between two `up`s.
source "$(dirname "$0")/lib/common.sh"
source "$SANDBOX_DIR/components.sh"

name=${1:-}
[ -n "$name" ] && [ -f "$SANDBOX_DIR/images/$name/recipe.env" ] || die "no image recipe '$name'." "Name one of: $(image_names | tr '\n' ' ')"
apiserver_ready || die "the sandbox is not running." "npm run sandbox:up"
mkdir -p "$IMAGE_CACHE"
# Builds the layers it lacks first.
push_image "$name" >&2
image_ref "$name"
