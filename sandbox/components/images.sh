# The workload images the real node runs, one recipe a folder under
# sandbox/images/, built from Debian's packages and our own files into the cache
# and pushed to the sandbox's registry. No process: ready when the registry
# holds every image.

images::version() { image_names | tr '\n' ' '; }

images::build() {
  command -v mmdebstrap >/dev/null || die "mmdebstrap is not installed; the sandbox builds its images with it." "apt-get install mmdebstrap"
  local free_gb name missing=()
  for name in $(image_names); do [ -f "$(image_layer "$name")" ] || missing+=("$name"); done
  [ ${#missing[@]} -eq 0 ] && return
  mkdir -p "$IMAGE_CACHE"
  free_gb=$(df -Pk "$IMAGE_CACHE" | awk 'NR == 2 {print int($4 / 1048576)}')
  (( free_gb >= 8 )) || die "only ${free_gb} GB free under $IMAGE_CACHE; building the sandbox's images needs about 8 GB." \
    "Free disk space there, or set KUBEFLOW_BDD_CACHE to a folder on a larger disk."
  for name in "${missing[@]}"; do
    build_image_layer "$name"
    # Layers of the image's earlier recipes are of no more use.
    find "$IMAGE_CACHE" -maxdepth 1 -name "$name-*.tar" ! -name "$(basename "$(image_layer "$name")")" -delete
  done
}

images::start() { local name; for name in $(image_names); do push_image "$name"; done; }
images::ready() { local name; for name in $(image_names); do image_pushed "$name" || return 1; done; }
images::stop() { :; }
