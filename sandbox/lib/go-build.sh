# Building sandbox binaries from the Go module proxy: a wrapper module per binary
# and version, so `go build` fetches the upstream module by name. Sourced, not run.

# Runs a long command with its output in a log file, printing a heartbeat so a
# cold build (many minutes on two cores) never looks hung. FIX, when set, is the
# advice printed if it fails.
run_logged() {
  local what=$1 log=$2; shift 2
  local start=$SECONDS next_heartbeat=30
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1 & wait $! || true
    if (( SECONDS - start >= next_heartbeat )); then
      say "  ... $what: still working, $((SECONDS - start))s"
      next_heartbeat=$((next_heartbeat + 30))
    fi
  done
  if ! wait "$pid"; then
    tail -n 30 "$log" >&2
    if grep -qE 'proxy\.golang\.org|dial tcp|i/o timeout|no such host' "$log"; then
      die "$what failed: the Go module proxy could not be reached (full log: $log)." \
        "Check network access to your GOPROXY ($(go env GOPROXY)) or set GOPROXY to a reachable mirror."
    fi
    die "$what failed (full log: $log)." "${FIX:-Read the log above; remove $CACHE_DIR/src to retry from scratch.}"
  fi
  say "  $what done in $((SECONDS - start))s"
}

# Empty when Go is new enough; else "<problem>|<fix>" and a non-zero status.
go_version_problem() {
  command -v go >/dev/null || { echo "Go is not installed.|Install Go 1.26 or newer (https://go.dev/dl) and run again."; return 1; }
  local minor; minor=$(go env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
  [ "${minor:-0}" -ge 26 ] || { echo "Go $(go env GOVERSION) is too old for Kubernetes $KUBERNETES_VERSION.|Install Go 1.26 or newer."; return 1; }
}

require_go() {
  local problem; problem=$(go_version_problem) || die "${problem%%|*}" "${problem#*|}"
  mkdir -p "$BIN_DIR" "$SRC_DIR"
}

# A wrapper module: one go.mod that requires the upstream module at its pinned
# version; the caller appends require and replace lines.
wrapper_module() {
  local name=$1 dir=$SRC_DIR/$1
  mkdir -p "$dir"
  printf 'module kubeflow-bdd.local/sandbox/%s\n\ngo 1.26.0\n' "$name" >"$dir/go.mod"
  echo "$dir"
}

have() { [ -x "$BIN_DIR/$1" ]; }

# Builds main package $pkg in wrapper module $dir into $BIN_DIR/$bin-$version.
# Extra arguments go to `go build` (ldflags, tags).
go_build_into() {
  local dir=$1 bin=$2 version=$3 pkg=$4; shift 4
  run_logged "build $bin $version" "$dir/build-$bin.log" \
    bash -c 'cd "$1" && out=$2 pkg=$3 && shift 3 && go build -trimpath "$@" -o "$out.tmp" "$pkg" && mv "$out.tmp" "$out"' \
    _ "$dir" "$BIN_DIR/$bin-$version" "$pkg" "$@"
}

# Builds one main package of a module that needs no replace directives.
build_go_main() {
  local bin=$1 module=$2 version=$3 pkg=$4; shift 4
  have "$bin-$version" && return
  say "$bin $version: building $pkg"
  local dir; dir=$(wrapper_module "$bin-$version")
  printf 'require %s %s\n' "$module" "$version" >>"$dir/go.mod"
  go_build_into "$dir" "$bin" "$version" "$pkg" -ldflags '-s -w' "$@"
}

# As build_go_main, with the module's own replace directives (module_replaces):
# some modules build only with the versions their go.mod pins that way (KServe's
# keda; the Spark Operator's k8s.io modules, pinned below the versions it requires).
build_pinned_main() {
  local bin=$1 module=$2 version=$3 pkg=$4; shift 4
  have "$bin-$version" && return
  say "$bin $version: building $pkg"
  local dir; dir=$(wrapper_module "$bin-$version")
  { printf 'require %s %s\n\n' "$module" "$version"; module_replaces "$module" "$version"; } >>"$dir/go.mod"
  go_build_into "$dir" "$bin" "$version" "$pkg" -ldflags '-s -w' "$@"
}

# The directory of a module the sandbox built, in the Go module cache, for the
# manifests (CRDs, stages) that ship inside it.
module_dir() { (cd "$SRC_DIR/$1" && go list -m -f '{{.Dir}}' "$2"); }

# Downloads a module version into the module cache and prints one field of what
# `go mod download -json` says of it: GoMod (its go.mod file) or Dir (its files).
# Run outside any module, so no wrapper is needed for it.
module_download() {
  local module=$1 version=$2 field=$3 value
  value=$(cd "$SRC_DIR" && go mod download -json "$module@$version" | sed -n "s/.*\"$field\": \"\(.*\)\".*/\1/p")
  [ -e "$value" ] || die "could not download $module@$version from the Go module proxy." "Check access to $(go env GOPROXY)."
  echo "$value"
}

# A module's own replace directives that pin other modules' versions, as lines
# for a wrapper's go.mod (those pointing at its local folders are left out):
# some modules build only with the versions they pin there, and Go ignores the
# replace directives of a module it builds as a dependency. None is no error.
module_replaces() {
  sed -n -e '/^replace (/,/^)/{/^replace (/d; /^)/d; s/^[[:space:]]*/replace /p; d}' -e '/^replace [^(]/p' \
    "$(module_download "$1" "$2" GoMod)" | { grep -Ev '^replace[[:space:]]*(//.*)?$|=>[[:space:]]*[./]' || true; }
}

# Kubernetes binaries. k8s.io/kubernetes points its staging modules at ./staging;
# the wrapper points them at the published modules of the same release instead, as
# generated from its own go.mod, and stamps the version the binaries report.
build_kubernetes() {
  local v=$KUBERNETES_VERSION minor; minor=$(echo "$v" | cut -d. -f2)
  local staging=v0.${v#v1.} missing=() b
  for b in "$@"; do have "$b-$v" || missing+=("$b"); done
  [ ${#missing[@]} -eq 0 ] && return
  say "Kubernetes $v: building ${missing[*]} (cold: 5 minutes on 2 quiet cores, 10 or more under load)"
  local dir; dir=$(wrapper_module "kubernetes-$v")
  local gomod; gomod=$(module_download k8s.io/kubernetes "$v" GoMod)
  {
    printf 'require k8s.io/kubernetes %s\n\nreplace (\n' "$v"
    sed -n -E "s#^\s*(k8s\.io/[a-z0-9-]+) => \./staging/.*#\t\1 => \1 $staging#p" "$gomod"
    printf ')\n'
  } >>"$dir/go.mod"
  local p ldflags="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  for b in "${missing[@]}"; do go_build_into "$dir" "$b" "$v" "k8s.io/kubernetes/cmd/$b" -ldflags "$ldflags"; done
}
