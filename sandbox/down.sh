#!/usr/bin/env bash
# Stops every process the sandbox started, by the pids it recorded, and removes
# its state. Safe to run when nothing is running.
source "$(dirname "$0")/lib.sh"
source "$SANDBOX_DIR/components.sh"

for component in "${COMPONENTS[@]}"; do
  alive "$component" && say "stopping $component (pid $(pid_of "$component"))"
  stop_daemon "$component"
done
if [ -d "$KWOK_WORKDIR/clusters/$CLUSTER_NAME" ]; then
  say "stopping the KWOK cluster (etcd, kube-apiserver, controller-manager, scheduler, kwok)"
  PATH=$STATE_DIR/bin:$PATH "$(bin kwokctl "$KWOK_VERSION")" delete cluster --name "$CLUSTER_NAME" \
    --kubeconfig "$STATE_DIR/kwokctl-user-kubeconfig" >/dev/null 2>&1 || true
  # kwokctl stops by the pids it recorded; make sure none survived a crash.
  for pidfile in "$KWOK_WORKDIR/clusters/$CLUSTER_NAME"/pids/*.pid; do
    [ -f "$pidfile" ] && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
  done
fi
rm -rf "$STATE_DIR"
for port in "${SANDBOX_PORTS[@]}"; do
  for _ in $(seq 20); do port_in_use "$port" || break; sleep 0.25; done # a stopped server may take a moment to close
  port_in_use "$port" && say "warning: port $port is still in use by a process the sandbox did not record (see: ss -ltnp 'sport = :$port')"
done
say "the sandbox is down"
