# The sandbox's workload images, built here from Debian's packages (mmdebstrap)
# and our own files, one folder a recipe under sandbox/images/. Sourced, not run.
#
# A recipe folder holds recipe.env, which may set
#   PACKAGES     Debian packages to install (space separated)
#   VARIANT      mmdebstrap variant (default minbase); "scratch": no Debian at all
#   ENTRYPOINT   the image's entrypoint, a bash array
#   GO_PROGRAM   a Go file of the folder, compiled statically to /<image name>
# and a rootfs/ folder with the image's own files (programs, scripts).
#
# An image has two layers, each built once per machine and kept gzipped in the
# cache: the Debian packages (keyed by the package list, shared by recipes that
# list the same), and the recipe's own files. Editing a program rebuilds only the
# small layer. An image's tag is the hash of its whole recipe.

IMAGE_CACHE=$CACHE_DIR/images

image_names() { local d; for d in "$SANDBOX_DIR"/images/*/; do basename "$d"; done; }

# Loads a recipe into the current shell (run in a subshell).
load_recipe() {
  PACKAGES='' VARIANT=minbase ENTRYPOINT=() GO_PROGRAM=''
  # shellcheck source=/dev/null
  source "$SANDBOX_DIR/images/$1/recipe.env"
}

# The recipe's own files and how images are assembled from them.
image_tag() {
  (cd "$SANDBOX_DIR/images/$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum
   echo "$DEBIAN_SUITE"; sha256sum <"$SANDBOX_DIR/lib/images.sh") | sha256sum | cut -c1-12
}

image_ref() { echo "$REGISTRY/kubeflow-bdd/$1:$(image_tag "$1")"; }

# The cached packages layer of a recipe, or nothing for a scratch image.
packages_layer() (
  load_recipe "$1"
  [ "$VARIANT" = scratch ] && exit 0
  local key; key=$( (printf '%s\n' "$DEBIAN_SUITE" "$VARIANT" $PACKAGES | sort; declare -f build_packages_layer) | sha256sum | cut -c1-12)
  echo "$IMAGE_CACHE/packages-$key.tar.gz"
)

files_layer() { echo "$IMAGE_CACHE/$1-$(image_tag "$1").tar.gz"; }

image_layers() { packages_layer "$1"; files_layer "$1"; }

build_packages_layer() (
  local name=$1 out; out=$(packages_layer "$name")
  [ -z "$out" ] || [ -f "$out" ] && exit 0
  load_recipe "$name"
  local work; work=$(mktemp -d "$IMAGE_CACHE/.build-$name.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  say "image $name: installing Debian $DEBIAN_SUITE packages: ${PACKAGES:-none}"
  FIX="Read the log above: a package Debian $DEBIAN_SUITE does not have (check PACKAGES in sandbox/images/$name/recipe.env), or Debian's mirror out of reach (see /etc/apt/sources.list)." \
    run_logged "mmdebstrap $name" "$IMAGE_CACHE/$name.mmdebstrap.log" \
    mmdebstrap --mode=root --variant="$VARIANT" ${PACKAGES:+--include="${PACKAGES// /,}"} \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' \
      --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
      "$DEBIAN_SUITE" "$work/root.tar"
  mkdir -p "$work/root" && tar -C "$work/root" -xf "$work/root.tar" && rm "$work/root.tar"
  # This machine's devices, name and resolver are no part of an image: the runtime
  # and the kubelet provide a pod's own.
  rm -rf "$work/root/dev" "$work/root/etc/hostname" "$work/root/etc/resolv.conf"
  tar -C "$work/root" --numeric-owner -c . | gzip -1 >"$work/layer.tar.gz"
  mv "$work/layer.tar.gz" "$out"
)

build_files_layer() (
  local name=$1 dir=$SANDBOX_DIR/images/$1 out; out=$(files_layer "$1")
  [ -f "$out" ] && exit 0
  load_recipe "$name"
  local work; work=$(mktemp -d "$IMAGE_CACHE/.build-$name.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/root"
  if [ -d "$dir/rootfs" ]; then cp -a "$dir/rootfs/." "$work/root/"; fi
  if [ -n "$GO_PROGRAM" ]; then
    (cd "$dir" && CGO_ENABLED=0 GOFLAGS= go build -trimpath -ldflags '-s -w' -o "$work/root/$name" "$GO_PROGRAM") \
      || die "could not compile $dir/$GO_PROGRAM."
  fi
  tar -C "$work/root" --numeric-owner -c . | gzip >"$work/layer.tar.gz"
  mv "$work/layer.tar.gz" "$out"
)

crane_run() { "$(bin crane "$GO_CONTAINERREGISTRY_VERSION")" --insecure "$@"; }

image_pushed() { crane_run manifest "$(image_ref "$1")" >/dev/null 2>&1; }

push_image() (
  local name=$1 ref layer layers=(); ref=$(image_ref "$1")
  image_pushed "$name" && exit 0
  load_recipe "$name"
  say "image $name: pushing to $ref"
  for layer in $(image_layers "$name"); do layers+=(--new_layer "$layer"); done
  local log=$LOG_DIR/image-$name.log
  run_quiet "$log" crane_run append "${layers[@]}" --new_tag "$ref.layers"
  local entrypoint; entrypoint=$(IFS=,; echo "${ENTRYPOINT[*]}")
  run_quiet "$log" crane_run mutate "$ref.layers" ${entrypoint:+--entrypoint="$entrypoint"} \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --tag "$ref"
)
