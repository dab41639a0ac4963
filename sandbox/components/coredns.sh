# Cluster DNS for the real node's pods (cluster.local), so that replicas of a
# training job find each other by their headless services' names. It listens on
# the node's address, port 53, and reads the cluster through the API server.

coredns::version() { echo "$COREDNS_VERSION"; }
coredns::build() { build_go_main coredns github.com/coredns/coredns "$COREDNS_VERSION" github.com/coredns/coredns; }

coredns::start() {
  ss -Hlun 'sport = :53' | awk '{print $4}' | grep -qE "^($NODE_IP|0\.0\.0\.0|\*|\[::\]):53\$" && die "port 53 on $NODE_IP is in use by another program; the sandbox's cluster DNS needs it." \
    "Stop that program (see: ss -lunp 'sport = :53')."
  cat >"$STATE_DIR/Corefile" <<COREFILE
.:53 {
    bind $NODE_IP
    errors
    health 127.0.0.1:${COREDNS_PORTS[0]}
    ready 127.0.0.1:${COREDNS_PORTS[1]}
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $SANDBOX_KUBECONFIG
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    forward . /etc/resolv.conf
    cache 5
}
COREFILE
  start_daemon coredns "$(bin coredns "$COREDNS_VERSION")" -conf "$STATE_DIR/Corefile"
}

coredns::ready() { alive coredns && curl -fs -o /dev/null "http://127.0.0.1:${COREDNS_PORTS[1]}/ready"; }
