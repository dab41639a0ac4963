#!/usr/bin/env bash
# Builds every sandbox binary that is not in the cache yet. Safe to run again:
# a binary already built for its pinned version is kept as it is.
source "$(dirname "$0")/lib.sh"

command -v go >/dev/null || die "Go is not installed." "Install Go 1.26 or newer (https://go.dev/dl) and run again."
go_minor=$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
[ "$go_minor" -ge 26 ] || die "Go $(go env GOVERSION) is too old for Kubernetes $KUBERNETES_VERSION." "Install Go 1.26 or newer."
mkdir -p "$BIN_DIR" "$SRC_DIR"

# Runs a long command with its output in a log file, printing a heartbeat so a
# cold build (many minutes on two cores) never looks hung.
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
    die "$what failed (full log: $log)." "Read the log above; remove $CACHE_DIR/src to retry from scratch."
  fi
  say "  $what done in $((SECONDS - start))s"
}

# A wrapper module: one go.mod that requires the upstream module at its pinned
# version, so `go build` fetches it from the proxy by name.
wrapper_module() {
  local name=$1 dir=$SRC_DIR/$1
  mkdir -p "$dir"
  printf 'module kubeflow-bdd.local/sandbox/%s\n\ngo 1.26.0\n' "$name" >"$dir/go.mod"
  echo "$dir"
}

have() { [ -x "$BIN_DIR/$1" ]; }

build_kubernetes() {
  local v=$KUBERNETES_VERSION minor; minor=$(echo "$v" | cut -d. -f2)
  local staging=v0.${v#v1.}
  local bins=(kube-apiserver kube-controller-manager kube-scheduler kubectl) missing=()
  for b in "${bins[@]}"; do have "$b-$v" || missing+=("$b"); done
  [ ${#missing[@]} -eq 0 ] && return
  say "Kubernetes $v: building ${missing[*]} (cold: 10-20 minutes on 2 cores)"
  local dir; dir=$(wrapper_module "kubernetes-$v")
  # k8s.io/kubernetes points its staging modules at ./staging; point them at the
  # published modules of the same release instead, as generated from its own go.mod.
  local gomod; gomod=$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$v" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -f "$gomod" ] || die "could not download k8s.io/kubernetes@$v from the Go module proxy." "Check access to $(go env GOPROXY)."
  {
    printf 'require k8s.io/kubernetes %s\n\nreplace (\n' "$v"
    sed -n -E "s#^\s*(k8s\.io/[a-z0-9-]+) => \./staging/.*#\t\1 => \1 $staging#p" "$gomod"
    printf ')\n'
  } >>"$dir/go.mod"
  local pkg=k8s.io/component-base/version cpkg=k8s.io/client-go/pkg/version
  local ldflags="-s -w"
  for p in $pkg $cpkg; do
    ldflags+=" -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  for b in "${missing[@]}"; do
    run_logged "build $b $v" "$dir/build-$b.log" \
      bash -c "cd '$dir' && go build -trimpath -ldflags '$ldflags' -o '$BIN_DIR/$b-$v.tmp' k8s.io/kubernetes/cmd/$b && mv '$BIN_DIR/$b-$v.tmp' '$BIN_DIR/$b-$v'"
  done
}

# Builds one main package of a module that needs no replace directives.
build_go_main() {
  local bin=$1 module=$2 version=$3 pkg=$4
  have "$bin-$version" && return
  say "$bin $version: building $pkg"
  local dir; dir=$(wrapper_module "$bin-$version")
  printf 'require %s %s\n' "$module" "$version" >>"$dir/go.mod"
  run_logged "build $bin $version" "$dir/build.log" \
    bash -c "cd '$dir' && go build -trimpath -ldflags '-s -w' -o '$BIN_DIR/$bin-$version.tmp' '$pkg' && mv '$BIN_DIR/$bin-$version.tmp' '$BIN_DIR/$bin-$version'"
}

build_etcd() {
  local v=$ETCD_VERSION
  have "etcd-$v" && return
  say "etcd $v: building"
  local dir; dir=$(wrapper_module "etcd-$v")
  # The server module replaces its sibling modules with relative paths; pin them
  # to the published modules of the same release.
  {
    printf 'require go.etcd.io/etcd/server/v3 %s\n\nreplace (\n' "$v"
    for m in api/v3 client/pkg/v3 client/v3 pkg/v3; do printf '\tgo.etcd.io/etcd/%s => go.etcd.io/etcd/%s %s\n' "$m" "$m" "$v"; done
    printf ')\n'
  } >>"$dir/go.mod"
  run_logged "build etcd $v" "$dir/build.log" \
    bash -c "cd '$dir' && go build -trimpath -ldflags '-s -w' -o '$BIN_DIR/etcd-$v.tmp' go.etcd.io/etcd/server/v3 && mv '$BIN_DIR/etcd-$v.tmp' '$BIN_DIR/etcd-$v'"
}

# The PodDefault webhook was last published against client-go 10 and the
# apimachinery of early 2019; newer reflect2/json-iterator are needed on modern Go
# (older ones crash at start-up).
build_poddefault_webhook() {
  local v=$PODDEFAULT_WEBHOOK_VERSION module=github.com/kubeflow/kubeflow/components/admission-webhook
  have "poddefault-webhook-$v" && return
  say "PodDefault webhook $v: building"
  local dir; dir=$(wrapper_module "poddefault-webhook-$v")
  {
    printf 'require %s %s\n\nreplace (\n' "$module" "$v"
    printf '\tk8s.io/api => k8s.io/api v0.0.0-20190222213804-5cb15d344471\n'
    printf '\tk8s.io/apimachinery => k8s.io/apimachinery v0.0.0-20190221213512-86fb29eff628\n'
    printf '\tk8s.io/client-go => k8s.io/client-go v10.0.0+incompatible\n)\n'
  } >>"$dir/go.mod"
  run_logged "build poddefault-webhook $v" "$dir/build.log" \
    bash -c "cd '$dir' && go get github.com/modern-go/reflect2@v1.0.2 github.com/json-iterator/go@v1.1.12 && go build -trimpath -ldflags '-s -w' -o '$BIN_DIR/poddefault-webhook-$v.tmp' '$module' && mv '$BIN_DIR/poddefault-webhook-$v.tmp' '$BIN_DIR/poddefault-webhook-$v'"
}

build_all() {
  local start=$SECONDS
  build_etcd
  build_kubernetes
  build_go_main kwok sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok
  build_go_main kwokctl sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwokctl
  build_go_main training-operator github.com/kubeflow/training-operator "$TRAINING_OPERATOR_VERSION" github.com/kubeflow/training-operator/cmd/training-operator.v1
  build_go_main helm helm.sh/helm/v3 "$HELM_VERSION" helm.sh/helm/v3/cmd/helm
  build_poddefault_webhook
  build_go_main notebook-controller github.com/kubeflow/kubeflow/components/notebook-controller "$NOTEBOOK_CONTROLLER_VERSION" github.com/kubeflow/kubeflow/components/notebook-controller
  say "all binaries ready in $BIN_DIR ($((SECONDS - start))s)"
}

build_all
