# The control plane, started by kwokctl as processes: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, and KWOK with its two simulated nodes.
# KWOK simulates only the nodes it made (annotation kwok.x-k8s.io/node=fake); they
# are tainted so that only pods routed there on purpose run on them (see
# cluster/simulated-images-policy.yaml).

control-plane::version() { echo "Kubernetes $KUBERNETES_VERSION, etcd $ETCD_VERSION, KWOK $KWOK_VERSION"; }

# etcd's server module replaces its sibling modules with relative paths; the
# wrapper pins them to the published modules of the same release.
build_etcd() {
  local v=$ETCD_VERSION m
  have "etcd-$v" && return
  say "etcd $v: building"
  local dir; dir=$(wrapper_module "etcd-$v")
  {
    printf 'require go.etcd.io/etcd/server/v3 %s\n\nreplace (\n' "$v"
    for m in api/v3 client/pkg/v3 client/v3 pkg/v3; do printf '\tgo.etcd.io/etcd/%s => go.etcd.io/etcd/%s %s\n' "$m" "$m" "$v"; done
    printf ')\n'
  } >>"$dir/go.mod"
  go_build_into "$dir" etcd "$v" go.etcd.io/etcd/server/v3 -ldflags '-s -w'
}

control-plane::build() {
  build_etcd
  build_kubernetes kube-apiserver kube-controller-manager kube-scheduler kubectl
  build_go_main kwok sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok
  build_go_main kwokctl sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwokctl
}

kwokctl_run() { PATH=$STATE_DIR/bin:$PATH "$(bin kwokctl "$KWOK_VERSION")" "$@" --name "$CLUSTER_NAME"; }

control-plane::config() {
  local kwok_dir pki=$KWOK_WORKDIR/clusters/$CLUSTER_NAME/pki
  kwok_dir=$(module_dir "kwok-$KWOK_VERSION" sigs.k8s.io/kwok)
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
  # Pods reach the API server at the kubernetes Service's address (kube-proxy routes it).
  kubeApiserverCertSANs: [$KUBERNETES_SERVICE_IP, kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local]
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
componentsPatches:
# The API server reaches the real kubelet (logs, exec, port-forward) with the
# cluster's admin certificate. It listens on the node's address too, which it
# advertises for the kubernetes Service: kube-proxy sends the real node's pods there.
- name: kube-apiserver
  extraArgs:
  - {key: kubelet-client-certificate, value: $pki/admin.crt}
  - {key: kubelet-client-key, value: $pki/admin.key}
  - {key: bind-address, value: 0.0.0.0, override: true}
  - {key: service-cluster-ip-range, value: $SERVICE_SUBNET}
# Released volumes are scrubbed by a pod of the sandbox's own image, on the real node.
- name: kube-controller-manager
  extraArgs:
  - {key: pv-recycler-pod-template-filepath-hostpath, value: $STATE_DIR/volume-recycler.yaml}
# KWOK keeps to the nodes it made and leaves the real node to its kubelet.
- name: kwok-controller
  extraArgs:
  - {key: manage-all-nodes, value: "false", override: true}
  - {key: manage-nodes-with-annotation-selector, value: "kwok.x-k8s.io/node=fake"}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: kubeflow-bdd-sandbox-logs
spec:
  logs:
  - logsFile: $SANDBOX_DIR/logs/default.log
CONFIG
  # KWOK's own node and pod-ready/pod-delete stages, read from its module.
  local stage
  for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease pod/fast/pod-ready pod/fast/pod-delete; do
    printf -- '---\n'; cat "$kwok_dir/kustomize/stage/$stage.yaml"
  done
  printf -- '---\n'; cat "$SANDBOX_DIR/kwok/pod-stages.yaml"
}

control-plane::start() {
  mkdir -p "$STATE_DIR/bin"
  # kwokctl and helm look for kubectl on PATH; make it the sandbox's own.
  ln -sf "$(bin kubectl "$KUBERNETES_VERSION")" "$STATE_DIR/bin/kubectl"
  control-plane::config >"$STATE_DIR/kwok-config.yaml"
  sed "s|@IMAGE@|$(image_ref shell)|" "$SANDBOX_DIR/cluster/volume-recycler.yaml" >"$STATE_DIR/volume-recycler.yaml"
  run_quiet "$LOG_DIR/kwokctl.log" kwokctl_run create cluster \
    --config "$STATE_DIR/kwok-config.yaml" --kubeconfig "$STATE_DIR/kwokctl-user-kubeconfig" --wait 2m
  cp "$KWOK_WORKDIR/clusters/$CLUSTER_NAME/kubeconfig.yaml" "$SANDBOX_KUBECONFIG"
  run_quiet "$LOG_DIR/kwokctl.log" kwokctl_run scale node --replicas 2
  kube wait --for=condition=Ready node -l type=kwok --timeout=120s >/dev/null
  kube taint nodes -l type=kwok kwok.x-k8s.io/node=fake:NoSchedule --overwrite >/dev/null
  kube wait --for=create serviceaccount/default -n default --timeout=60s >/dev/null
  kube create namespace kubeflow >/dev/null
}

control-plane::ready() { apiserver_ready; }

control-plane::pids() {
  local pidfile
  for pidfile in "$KWOK_WORKDIR/clusters/$CLUSTER_NAME"/pids/*.pid; do [ -f "$pidfile" ] && cat "$pidfile"; done
}

control-plane::stop() {
  [ -d "$KWOK_WORKDIR/clusters/$CLUSTER_NAME" ] || return 0
  kwokctl_run delete cluster --kubeconfig "$STATE_DIR/kwokctl-user-kubeconfig" >/dev/null 2>&1 || true
  # kwokctl stops by the pids it recorded; make sure none survived a crash.
  local pid
  for pid in $(control-plane::pids); do kill -KILL "$pid" 2>/dev/null || true; done
}

# Stops etcd, the API server, controller-manager, scheduler and KWOK, and starts
# them again with their data, for testing that watches survive.
control-plane::restart() {
  lease_holders() { kube get leases -n kube-node-lease -o jsonpath='{range .items[*]}{.spec.holderIdentity}{"\n"}{end}' 2>/dev/null; }
  local old_holder; old_holder=$(lease_holders | grep -v "^$REAL_NODE_NAME\$" | head -n 1)
  local old_pids; old_pids=$(control-plane::pids)
  kwokctl_run stop cluster >>"$LOG_DIR/kwokctl.log" 2>&1 || die "kwokctl could not stop the control plane (log: $LOG_DIR/kwokctl.log)."
  # An etcd or API server still shutting down (a busy one takes its time) would hold
  # the data directory and the port from the new ones: start once they have exited.
  all_exited() { local pid; for pid in $old_pids; do running "$pid" && return 1; done; return 0; }
  await "the stopped control plane's processes to exit" 60 "$LOG_DIR/kwokctl.log" all_exited
  # Its port may still be bound a moment after: a new API server started then fails
  # ("bind: address already in use") and kwokctl waits two minutes for it in vain.
  port_free() { ! port_in_use "$APISERVER_PORT"; }
  await "port $APISERVER_PORT to be free" 60 "$LOG_DIR/kwokctl.log" port_free
  say "control plane stopped"
  kwokctl_run start cluster >>"$LOG_DIR/kwokctl.log" 2>&1 || die "kwokctl could not start the control plane (log: $LOG_DIR/kwokctl.log)."
  # Twice in CI, after an hour of tests, the started API server did not answer (kwokctl's
  # own check timed out); started once more it did. Keep its log for whoever looks into it.
  local grace=$((SECONDS + 30))
  until apiserver_ready || (( SECONDS >= grace )); do sleep 0.5; done
  if ! apiserver_ready; then
    say "the API server does not answer after the restart: starting the control plane once more"
    cp "$KWOK_WORKDIR/clusters/$CLUSTER_NAME/logs/kube-apiserver.log" "$LOG_DIR/kube-apiserver.unanswered.log" 2>/dev/null || true
    kwokctl_run stop cluster >>"$LOG_DIR/kwokctl.log" 2>&1 || true
    kwokctl_run start cluster >>"$LOG_DIR/kwokctl.log" 2>&1 || die "kwokctl could not start the control plane (log: $LOG_DIR/kwokctl.log)."
  fi
  await "the API server" 60 "$LOG_DIR/kwokctl.log" apiserver_ready
  # The new KWOK acts on pods only once it holds the node leases of the one it replaced.
  kwok_took_over() { local holders; holders=$(lease_holders | grep -v "^$REAL_NODE_NAME\$"); [ -n "$holders" ] && ! grep -qxF "$old_holder" <<<"$holders"; }
  await "KWOK taking over the nodes" 60 "$KWOK_WORKDIR/clusters/$CLUSTER_NAME/logs/kwok-controller.log" kwok_took_over
  say "control plane started again"
}
