# kube-proxy from the same Kubernetes build as the control plane, on the real
# node, in iptables mode: ClusterIP Services route there as on any cluster (the
# pods' `kubernetes` Service, Katib's suggestion services). Its rules live in the
# host's iptables, in the KUBE-* chains, and go when it stops.

KUBE_PROXY_DIR=$STATE_DIR/kube-proxy

kube-proxy::version() { echo "$KUBERNETES_VERSION, iptables mode"; }
kube-proxy::build() { build_kubernetes kube-proxy; }

kube-proxy::needs() {
  echo "iptables iptables-restore it writes the Services' rules with iptables-restore"
}

kube-proxy::start() {
  mkdir -p "$KUBE_PROXY_DIR"
  # The identity the default ClusterRoleBinding system:node-proxier grants its rights to.
  [ -f "$KUBE_PROXY_DIR/kubeconfig" ] || node_component_kubeconfig "$KUBE_PROXY_DIR" system:node-proxier system:kube-proxy
  cat >"$KUBE_PROXY_DIR/config.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection: {kubeconfig: $KUBE_PROXY_DIR/kubeconfig}
hostnameOverride: $REAL_NODE_NAME
clusterCIDR: $POD_SUBNET
healthzBindAddress: 127.0.0.1:${KUBE_PROXY_PORTS[0]}
metricsBindAddress: 127.0.0.1:${KUBE_PROXY_PORTS[1]}
# Nothing of this machine's beyond its own chains: NodePorts on the node's address
# only (not on localhost, which would need route_localnet), the host's conntrack
# table and timeouts as they are, its OOM score as it is (root here may not lower it).
nodePortAddresses: [primary]
iptables: {localhostNodePorts: false}
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
oomScoreAdj: 0
YAML
  start_daemon kube-proxy "$(bin kube-proxy "$KUBERNETES_VERSION")" --config "$KUBE_PROXY_DIR/config.yaml"
}

# Healthy once it has written the rules of every Service it knows.
kube-proxy::ready() { alive kube-proxy && curl -fs -o /dev/null "http://127.0.0.1:${KUBE_PROXY_PORTS[0]}/healthz"; }

kube-proxy::stop() {
  stop_daemon kube-proxy
  # Its chains and the jumps to them; a no-op when there are none.
  [ -x "$(bin kube-proxy "$KUBERNETES_VERSION")" ] && "$(bin kube-proxy "$KUBERNETES_VERSION")" --cleanup >/dev/null 2>&1 || true
  # It leaves the KUBE-FIREWALL chain it shares with kubelets, empty, and the jumps to it.
  local tool hook
  for tool in iptables ip6tables; do
    command -v "$tool" >/dev/null || continue
    for hook in INPUT OUTPUT; do while "$tool" -D "$hook" -j KUBE-FIREWALL 2>/dev/null; do :; done; done
    "$tool" -X KUBE-FIREWALL 2>/dev/null || true
  done
}
