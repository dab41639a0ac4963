# Shared by the sandbox scripts: paths, versions and messages. Sourced, not run.
set -euo pipefail

SANDBOX_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(dirname "$SANDBOX_DIR")
# shellcheck source=../versions.env
source "$SANDBOX_DIR/versions.env"

# Built binaries are keyed by version and live outside the work tree, so a fresh
# checkout on the same machine starts in seconds.
CACHE_DIR=${KUBEFLOW_BDD_CACHE:-$HOME/.cache/kubeflow-bdd}
BIN_DIR=$CACHE_DIR/bin
SRC_DIR=$CACHE_DIR/src
# Runtime state of the running sandbox: pids, certificates, logs, kubeconfig.
STATE_DIR=$REPO_DIR/.sandbox

export GOTOOLCHAIN=local GOFLAGS=-mod=mod
# The checksum database does not answer for the Kubeflow web components'
# pseudo-versions here; the module proxy's own checksums still apply.
export GONOSUMDB=${GONOSUMDB:+$GONOSUMDB,}github.com/kubeflow/kubeflow

say() { printf '[sandbox %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[sandbox] error: %s\n' "$1" >&2; [ -n "${2:-}" ] && printf '[sandbox] fix: %s\n' "$2" >&2; exit 1; }

CLUSTER_NAME=kubeflow-bdd
export KWOK_WORKDIR=$STATE_DIR/kwok
SANDBOX_KUBECONFIG=$STATE_DIR/kubeconfig
PID_DIR=$STATE_DIR/pids
LOG_DIR=$STATE_DIR/logs
CERT_DIR=$STATE_DIR/certs
# Written when `up` has started every component: state without it is a start that stopped half way.
UP_COMPLETE=$STATE_DIR/up-complete

# Fixed local ports, chosen away from the defaults of other local tools and from
# the range kwokctl hands out to the components it starts (32767 downwards).
APISERVER_PORT=${KUBEFLOW_BDD_SANDBOX_PORT:-26443}
PODDEFAULT_WEBHOOK_PORT=4443 # fixed in the webhook's code
TRAINING_OPERATOR_PORTS=(18080 18081 19443) # metrics, health probe, webhook
NOTEBOOK_CONTROLLER_PORTS=(18082 18083)     # metrics, health probe
JOBSET_PORTS=(18086 19444)                  # health probe, webhook
TRAINER_PORTS=(18087 19445)                 # health probe, webhook
PROFILE_CONTROLLER_PORTS=(18088 18089)      # metrics, health probe
KSERVE_PORTS=(18090 19446)                  # health probe, webhook (on every address: not configurable)
COREDNS_PORTS=(18084 18085)                 # health, ready
KUBELET_PORTS=(10250 10248)                 # API (on the node's address), health
KUBE_PROXY_PORTS=(18092 18093)              # health, metrics
REGISTRY_PORT=25000                         # on the node's address
PRIVATE_REGISTRY_PORT=25001                 # on the node's address
SANDBOX_PORTS=("$APISERVER_PORT" "$PODDEFAULT_WEBHOOK_PORT" "${TRAINING_OPERATOR_PORTS[@]}" "${NOTEBOOK_CONTROLLER_PORTS[@]}"
  "${JOBSET_PORTS[@]}" "${TRAINER_PORTS[@]}" "${PROFILE_CONTROLLER_PORTS[@]}" "${KSERVE_PORTS[@]}" "${COREDNS_PORTS[@]}" "${KUBELET_PORTS[1]}" "${KUBE_PROXY_PORTS[@]}")
NODE_PORTS=("$REGISTRY_PORT" "$PRIVATE_REGISTRY_PORT" "${KUBELET_PORTS[0]}")

# The real node is this machine, at the address of its default route: pods reach
# the registry and cluster DNS there, and the API server reaches the kubelet.
node_address() { ip -4 -o route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p'; }
NODE_IP=${KUBEFLOW_BDD_SANDBOX_NODE_IP:-$(node_address)}
# The API server dials a node at its Hostname address first (KWOK's nodes are
# "localhost"): named by its address, the real node needs no name resolution.
REAL_NODE_NAME=$NODE_IP
REGISTRY=$NODE_IP:$REGISTRY_PORT
PRIVATE_REGISTRY=$NODE_IP:$PRIVATE_REGISTRY_PORT
POD_SUBNET=10.244.0.0/24
# ClusterIP Services' virtual addresses, routed by kube-proxy; the first is the
# `kubernetes` Service's, which the API server's certificate names.
SERVICE_SUBNET=10.96.0.0/16
KUBERNETES_SERVICE_IP=10.96.0.1
CONTAINERD_SOCKET=$STATE_DIR/containerd/containerd.sock

bin() { echo "$BIN_DIR/$1-$2"; }
kube() { "$(bin kubectl "$KUBERNETES_VERSION")" --kubeconfig "$SANDBOX_KUBECONFIG" "$@"; }
apiserver_ready() { kube get --raw /readyz >/dev/null 2>&1; }

port_in_use() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }

pid_of() { cat "$PID_DIR/$1.pid" 2>/dev/null || true; }
# A process that runs: one that has exited may linger as a zombie until it is reaped,
# and kill -0 still finds that.
running() { local state; state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && running "$pid"; }

# Starts a process of ours in the background in its own session, so that stopping
# it takes its children too; records its pid and sends its output to a log file.
start_daemon() {
  local name=$1; shift
  mkdir -p "$PID_DIR" "$LOG_DIR"
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
}

stop_daemon() {
  local name=$1 pid; pid=$(pid_of "$name")
  if [ -n "$pid" ] && running "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do running "$pid" || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$PID_DIR/$name.pid"
}

# Polls a local condition that has no API to watch (a port opening, a process
# answering its health probe), with a deadline and a clear failure.
await() {
  local what=$1 seconds=$2 log=$3; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if (( SECONDS >= deadline )); then
      [ -f "$log" ] && tail -n 20 "$log" >&2
      die "$what did not come up within ${seconds}s (log: $log)." "Read the log above; 'npm run sandbox:down' then 'npm run sandbox:up' starts afresh."
    fi
    sleep 0.5
  done
}

run_quiet() { local log=$1; shift; "$@" >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "'$*' failed (log: $log)." "Read the log above."; }; }

# Applies CustomResourceDefinitions and waits until the API serves them.
apply_crds() {
  local file files=() names=()
  for file in "$@"; do files+=(-f "$file") names+=("crd/$(sed -n 's/^  name: //p' "$file" | head -n 1)"); done
  kube apply --server-side "${files[@]}" >/dev/null
  # A CRD just created may have no conditions yet, which kubectl wait takes for an error.
  established() { kube wait --for=condition=Established --timeout=5s "${names[@]}" >/dev/null 2>&1; }
  await "the CRDs ${names[*]#crd/}" 60 "$LOG_DIR/up.log" established
}

# A local CA and a serving certificate for 127.0.0.1, for the webhooks the
# sandbox serves as processes.
make_serving_certificate() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=kubeflow-bdd sandbox CA" \
    -keyout "$CERT_DIR/ca.key" -out "$CERT_DIR/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$CERT_DIR/serving.key" -out "$CERT_DIR/serving.csr" 2>/dev/null
  openssl x509 -req -in "$CERT_DIR/serving.csr" -CA "$CERT_DIR/ca.crt" -CAkey "$CERT_DIR/ca.key" -CAcreateserial -days 30 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n') -out "$CERT_DIR/serving.crt" 2>/dev/null
}

# Registers a webhook the sandbox serves as a process: the configuration in
# sandbox/cluster/ points at https://127.0.0.1:@PORT@ and trusts the sandbox's CA.
register_webhooks() {
  local file=$1 port=$2
  sed -e "s|@PORT@|$port|" -e "s|@CA_BUNDLE@|$(base64 -w0 <"$CERT_DIR/ca.crt")|" "$SANDBOX_DIR/cluster/$file" \
    | kube apply -f - >/dev/null
}

# A kubeconfig for a component of the real node (the kubelet, kube-proxy) in
# $dir, with a client certificate for user $cn of group $group, signed by the
# cluster's CA.
node_component_kubeconfig() {
  local dir=$1 group=$2 cn=$3 pki=$KWOK_WORKDIR/clusters/$CLUSTER_NAME/pki
  openssl req -newkey rsa:2048 -nodes -subj "/O=$group/CN=$cn" -keyout "$dir/client.key" -out "$dir/client.csr" 2>/dev/null
  openssl x509 -req -in "$dir/client.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -out "$dir/client.crt" 2>/dev/null
  kubeconfig_set() { "$(bin kubectl "$KUBERNETES_VERSION")" config --kubeconfig "$dir/kubeconfig" "$@" >/dev/null; }
  kubeconfig_set set-cluster sandbox --server "https://127.0.0.1:$APISERVER_PORT" --certificate-authority "$pki/ca.crt" --embed-certs
  kubeconfig_set set-credentials "$cn" --client-certificate "$dir/client.crt" --client-key "$dir/client.key" --embed-certs
  kubeconfig_set set-context default --cluster sandbox --user "$cn"
  kubeconfig_set use-context default
}

# controller-runtime's webhook servers read their certificate from this fixed
# directory unless told otherwise, and some of the controllers cannot be told.
WEBHOOK_CERT_DIR=/tmp/k8s-webhook-server/serving-certs
serve_webhook_certificate() {
  mkdir -p "$WEBHOOK_CERT_DIR"
  cp "$CERT_DIR/serving.crt" "$WEBHOOK_CERT_DIR/tls.crt"
  cp "$CERT_DIR/serving.key" "$WEBHOOK_CERT_DIR/tls.key"
}

# Kernel settings the real node changes (the bridge plugin turns on forwarding, the
# kubelet sets overcommit and panic behaviour): recorded before it starts, once,
# and put back when it stops.
SYSCTLS_BEFORE=$STATE_DIR/sysctls.before
save_sysctls() {
  local key
  for key in "$@"; do
    grep -q "^$key=" "$SYSCTLS_BEFORE" 2>/dev/null || echo "$key=$(sysctl -n "$key")" >>"$SYSCTLS_BEFORE"
  done
}
restore_sysctls() {
  [ -f "$SYSCTLS_BEFORE" ] || return 0
  local setting
  while read -r setting; do sysctl -qw "$setting" || true; done <"$SYSCTLS_BEFORE"
  rm -f "$SYSCTLS_BEFORE"
}
