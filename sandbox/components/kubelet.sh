# The real node: a kubelet from the same Kubernetes build as the control plane,
# running pods in containerd on this machine. It joins as a node named by this
# machine's address, with a client certificate of the system:nodes group.
# Pods whose images the sandbox did not build cannot run here; an admission
# policy sends those to the simulated nodes (cluster/simulated-images-policy.yaml).

KUBELET_DIR=$STATE_DIR/kubelet

kubelet::version() { echo "$KUBERNETES_VERSION, node $REAL_NODE_NAME"; }
kubelet::build() { build_kubernetes kubelet; }

kubelet::install() {
  sed -e "s|@REGISTRY@|$REGISTRY|g" "$SANDBOX_DIR/cluster/simulated-images-policy.yaml" | kube apply -f - >/dev/null
}

kubelet::start() {
  mkdir -p "$KUBELET_DIR"
  [ -f "$KUBELET_DIR/kubeconfig" ] || node_component_kubeconfig "$KUBELET_DIR" system:nodes "system:node:$REAL_NODE_NAME"
  cat >"$KUBELET_DIR/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: ${KUBELET_PORTS[0]}
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: ${KUBELET_PORTS[1]}
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $KWOK_WORKDIR/clusters/$CLUSTER_NAME/pki/ca.crt}
authorization: {mode: Webhook}
containerRuntimeEndpoint: unix://$CONTAINERD_SOCKET
# These machines have cgroup v1 and no systemd; kubelets from 1.35 on refuse
# cgroup v1 unless told otherwise.
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
clusterDomain: cluster.local
clusterDNS: [$NODE_IP]
resolvConf: /etc/resolv.conf
# Nothing outside the sandbox: no host iptables chains of the kubelet's own, no
# evictions or image garbage collection because of a busy shared disk.
makeIPTablesUtilChains: false
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
maxPods: 60
YAML
  save_sysctls vm.overcommit_memory kernel.panic kernel.panic_on_oops
  start_daemon kubelet "$(bin kubelet "$KUBERNETES_VERSION")" \
    --config "$KUBELET_DIR/config.yaml" --kubeconfig "$KUBELET_DIR/kubeconfig" \
    --root-dir "$KUBELET_DIR/root" --cert-dir "$KUBELET_DIR/pki" \
    --hostname-override "$REAL_NODE_NAME" --node-ip "$NODE_IP" \
    --node-labels "type=real,sandbox.kubeflow-bdd.io/node=real"
}

kubelet::ready() {
  alive kubelet && curl -fs -o /dev/null "http://127.0.0.1:${KUBELET_PORTS[1]}/healthz" \
    && [ "$(kube get node "$REAL_NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}
