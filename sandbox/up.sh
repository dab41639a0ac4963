#!/usr/bin/env bash
# Starts the sandbox: builds what is missing, then a KWOK cluster of real
# Kubernetes components, the Kubeflow controllers, storage and the installer chart.
source "$(dirname "$0")/lib.sh"
source "$SANDBOX_DIR/components.sh"

for tool in go openssl curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed; the sandbox needs it." "Install $tool (Debian: apt-get install ${tool/go/golang})."
done
started=$SECONDS

if [ -d "$STATE_DIR" ]; then
  # A running API server may still be starting (just after 'sandbox:break -- restart
  # control-plane'): give it a minute before taking the sandbox for a crashed one.
  apiserver_pid=$(cat "$KWOK_WORKDIR/clusters/$CLUSTER_NAME/pids/kube-apiserver.pid" 2>/dev/null || true)
  if [ -n "$apiserver_pid" ] && running "$apiserver_pid"; then
    for _ in $(seq 120); do apiserver_ready && break; sleep 0.5; done
  fi
  if apiserver_ready; then
    say "the sandbox is already running; nothing to do ('npm run sandbox:status' shows it, 'npm run sandbox:down' stops it)."
    exit 0
  fi
  say "found state of a sandbox that is not running (a crashed or killed run): cleaning it up first"
  bash "$SANDBOX_DIR/down.sh"
fi

for port in "${SANDBOX_PORTS[@]}"; do
  port_in_use "$port" && die "port $port on 127.0.0.1 is in use by another program; the sandbox needs it." \
    "Stop that program (see: ss -ltnp 'sport = :$port'), or for the API server port set KUBEFLOW_BDD_SANDBOX_PORT to a free port."
done

bash "$SANDBOX_DIR/build.sh"
mkdir -p "$STATE_DIR/bin" "$CERT_DIR" "$LOG_DIR"
# kwokctl and helm look for kubectl on PATH; make it the sandbox's own.
ln -sf "$(bin kubectl "$KUBERNETES_VERSION")" "$STATE_DIR/bin/kubectl"
ln -sf "$(bin helm "$HELM_VERSION")" "$STATE_DIR/bin/helm"
export PATH=$STATE_DIR/bin:$PATH

module_dir() { (cd "$SRC_DIR/$1" && go list -m -f '{{.Dir}}' "$2"); }
kwok_dir=$(module_dir "kwok-$KWOK_VERSION" sigs.k8s.io/kwok)

say "starting Kubernetes $KUBERNETES_VERSION with KWOK $KWOK_VERSION"
{
  cat <<CONFIG
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  runtime: binary
  bindAddress: 127.0.0.1
  kubeApiserverPort: $APISERVER_PORT
  kubeVersion: $KUBERNETES_VERSION
  kubeAdmission: true
  kubeAuthorization: true
  # Short node leases, as a real kubelet's: a KWOK started again (break.sh restart) takes
  # a new identity and acts on no pod until the old identity's leases expire.
  heartbeatFactor: 1
  nodeLeaseDurationSeconds: 10
  etcdBinary: $(bin etcd "$ETCD_VERSION")
  kubeApiserverBinary: $(bin kube-apiserver "$KUBERNETES_VERSION")
  kubeControllerManagerBinary: $(bin kube-controller-manager "$KUBERNETES_VERSION")
  kubeSchedulerBinary: $(bin kube-scheduler "$KUBERNETES_VERSION")
  kubectlBinary: $(bin kubectl "$KUBERNETES_VERSION")
  kwokControllerBinary: $(bin kwok "$KWOK_VERSION")
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: kubeflow-bdd-sandbox-logs
spec:
  logs:
  - containers: [pytorch]
    logsFile: $SANDBOX_DIR/logs/pytorch-mnist.log
  - containers: [tensorflow]
    logsFile: $SANDBOX_DIR/logs/tensorflow-mnist.log
  - containers: [kaniko]
    logsFile: $SANDBOX_DIR/logs/kaniko.log
  - logsFile: $SANDBOX_DIR/logs/default.log
CONFIG
  # KWOK's own node and pod-ready/pod-delete stages, read from its module.
  for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease pod/fast/pod-ready pod/fast/pod-delete; do
    printf -- '---\n'; cat "$kwok_dir/kustomize/stage/$stage.yaml"
  done
  printf -- '---\n'; cat "$SANDBOX_DIR/kwok/pod-stages.yaml"
} >"$STATE_DIR/kwok-config.yaml"

run_quiet() { local log=$1; shift; "$@" >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "'$*' failed (log: $log)." "Read the log above."; }; }
run_quiet "$LOG_DIR/kwokctl.log" "$(bin kwokctl "$KWOK_VERSION")" create cluster --name "$CLUSTER_NAME" \
  --config "$STATE_DIR/kwok-config.yaml" --kubeconfig "$STATE_DIR/kwokctl-user-kubeconfig" --wait 2m
cp "$KWOK_WORKDIR/clusters/$CLUSTER_NAME/kubeconfig.yaml" "$SANDBOX_KUBECONFIG"
run_quiet "$LOG_DIR/kwokctl.log" "$(bin kwokctl "$KWOK_VERSION")" scale node --name "$CLUSTER_NAME" --replicas 2
kube wait --for=condition=Ready node --all --timeout=120s >/dev/null
kube wait --for=create serviceaccount/default -n default --timeout=60s >/dev/null

say "installing CRDs: PyTorchJob, TFJob, Notebook, PodDefault"
operator_dir=$(module_dir "training-operator-$TRAINING_OPERATOR_VERSION" github.com/kubeflow/training-operator)
notebook_dir=$(module_dir "notebook-controller-$NOTEBOOK_CONTROLLER_VERSION" github.com/kubeflow/kubeflow/components/notebook-controller)
kube apply --server-side -f "$operator_dir/manifests/base/crds/kubeflow.org_pytorchjobs.yaml" \
  -f "$operator_dir/manifests/base/crds/kubeflow.org_tfjobs.yaml" \
  -f "$notebook_dir/config/crd/bases/kubeflow.org_notebooks.yaml" \
  -f "$SANDBOX_DIR/cluster/poddefault-crd.yaml" >/dev/null
kube wait --for=condition=Established --timeout=60s \
  crd/pytorchjobs.kubeflow.org crd/tfjobs.kubeflow.org crd/notebooks.kubeflow.org crd/poddefaults.kubeflow.org >/dev/null

say "making a local CA and a serving certificate for 127.0.0.1"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=kubeflow-bdd sandbox CA" \
  -keyout "$CERT_DIR/ca.key" -out "$CERT_DIR/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$CERT_DIR/serving.key" -out "$CERT_DIR/serving.csr" 2>/dev/null
openssl x509 -req -in "$CERT_DIR/serving.csr" -CA "$CERT_DIR/ca.crt" -CAkey "$CERT_DIR/ca.key" -CAcreateserial -days 30 \
  -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n') -out "$CERT_DIR/serving.crt" 2>/dev/null

kube create namespace kubeflow >/dev/null
# The controllers run as processes, not Deployments: record their versions where the harness's report looks.
kube annotate namespace kubeflow >/dev/null \
  "sandbox.kubeflow-bdd.io/components=training-operator $TRAINING_OPERATOR_VERSION, admission-webhook $PODDEFAULT_WEBHOOK_VERSION, notebook-controller $NOTEBOOK_CONTROLLER_VERSION"
kube create secret generic training-operator-webhook-cert -n kubeflow >/dev/null
for component in "${COMPONENTS[@]}"; do
  say "starting $component"
  start_component "$component"
done
sed -e "s|@PORT@|$PODDEFAULT_WEBHOOK_PORT|" -e "s|@CA_BUNDLE@|$(base64 -w0 <"$CERT_DIR/ca.crt")|" \
  "$SANDBOX_DIR/cluster/poddefault-webhook.yaml" | kube apply -f - >/dev/null

say "creating ReadWriteMany volumes"
kube apply -f "$SANDBOX_DIR/cluster/storage.yaml" >/dev/null
for i in $(seq -w 1 "${KUBEFLOW_BDD_SANDBOX_VOLUMES:-12}"); do
  cat <<PV
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: kubeflow-bdd-sandbox-$i
spec:
  storageClassName: kubeflow-bdd-sandbox
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce, ReadOnlyMany, ReadWriteMany]
  # Recycled (scrubbed by a pod, which KWOK completes) when its claim is deleted.
  persistentVolumeReclaimPolicy: Recycle
  hostPath: {path: /tmp/kubeflow-bdd-sandbox-volume-$i}
PV
done | kube apply -f - >/dev/null

say "installing the chart kubeflowinstaller with helm $HELM_VERSION"
export HELM_CONFIG_HOME=$STATE_DIR/helm/config HELM_CACHE_HOME=$STATE_DIR/helm/cache HELM_DATA_HOME=$STATE_DIR/helm/data
run_quiet "$LOG_DIR/helm.log" helm --kubeconfig "$SANDBOX_KUBECONFIG" install kubeflowinstaller "$SANDBOX_DIR/chart/kubeflowinstaller" \
  --namespace kubeflow-installer --create-namespace --wait --timeout 3m

cat >"$STATE_DIR/env" <<ENV
export KUBECONFIG=$SANDBOX_KUBECONFIG
export PATH=$STATE_DIR/bin:\$PATH
export HELM_CONFIG_HOME=$HELM_CONFIG_HOME HELM_CACHE_HOME=$HELM_CACHE_HOME HELM_DATA_HOME=$HELM_DATA_HOME
ENV
say "the sandbox is up ($((SECONDS - started))s). Use it with:"
say "  source .sandbox/env        # sets KUBECONFIG and puts the sandbox's kubectl and helm first on PATH"
say "  kubectl get nodes"
