# The workload images the real node runs, one recipe a folder under
# sandbox/images/, built from Debian's packages and our own files into the cache
# and pushed to the sandbox's registry. No process: ready when the registry
# holds every image.

images::version() { image_names | tr '\n' ' '; }

images::needs() {
  echo "mmdebstrap mmdebstrap builds the images from Debian's packages"
  echo "python3-pip python3:pip installs the TensorFlow image's wheels from PyPI"
}

# Debian's packages, PyPI's wheels and Node.js: downloads, which build.sh runs beside
# the Go builds of the other components.
images::fetch() {
  local name kind
  mkdir -p "$IMAGE_CACHE"
  for name in $(image_names); do
    for kind in packages python node; do build_layer "$kind" "$name"; done
  done
}

# The disk they need is checked with the other prerequisites (lib/prerequisites.sh).
images::build() {
  local name layer missing=() wanted=()
  for name in $(image_names); do
    for layer in $(image_layers "$name"); do
      wanted+=("$(basename "$layer")")
      [ -f "$layer" ] || missing+=("$name")
    done
  done
  mkdir -p "$IMAGE_CACHE"
  for name in "${missing[@]}"; do build_layer packages "$name"; build_layer python "$name"; build_layer node "$name"; build_layer files "$name"; done
  # Layers no recipe uses any more (an edited program, a changed package list).
  for layer in "$IMAGE_CACHE"/*.tar*; do
    [[ " ${wanted[*]} " == *" $(basename "$layer") "* ]] || rm -f "$layer"
  done
}

images::start() {
  local name
  for name in $(image_names); do push_image "$name"; done
  prune_registry_images
}

# Earlier builds of the recipes (tags that are recipe hashes, and the intermediate
# .layers tags) are deleted; the registry frees their blobs at its next start.
# Tags pushed by anyone else, like Kaniko's, are left alone.
prune_registry_images() {
  local repository name tag ref current digest
  for repository in $(crane_run catalog "$REGISTRY" 2>/dev/null | grep '^kubeflow-bdd/'); do
    name=${repository#kubeflow-bdd/}
    # No digest for a recipe that is gone, or whose current image is not pushed yet
    # (the project edited since): then every tag of it is an earlier build.
    current=''
    if [ -d "$SANDBOX_DIR/images/$name" ]; then current=$(crane_run digest "$(image_ref "$name")" 2>/dev/null) || current=''; fi
    for tag in $(crane_run ls "$REGISTRY/$repository" 2>/dev/null | grep -E '^[0-9a-f]{12}(\.[a-z]+)?$'); do
      ref=$REGISTRY/$repository:$tag
      [ -n "$current" ] && [ "$ref" = "$(image_ref "$name")" ] && continue
      digest=$(crane_run digest "$ref" 2>/dev/null) || continue
      [ "$digest" = "$current" ] || crane_run delete "$REGISTRY/$repository@$digest" >/dev/null 2>&1 || true
    done
  done
}
# The harness's own image changes with every edit of the project: whoever runs it
# pushes it as the project is then (sandbox/image.sh), so an edit while the sandbox
# starts does not hold the start up.
images::ready() {
  local name
  for name in $(image_names); do follows_project "$name" || image_pushed "$name" || return 1; done
}
follows_project() ( load_recipe "$1"; [ -n "$NODE_PROJECT" ] )
images::stop() { :; }
