#!/usr/bin/env bash
# Breaks the platform on purpose, for the harness's negative tests, and repairs it:
#   break.sh stop  <component>   stops it (its API objects stay, nothing acts on them)
#   break.sh start <component>   starts it again, as 'up' does
#   break.sh restart control-plane   stops etcd, kube-apiserver, controller-manager,
#                                scheduler and kwok, and starts them again with their data
# Components: training-operator, poddefault-webhook, notebook-controller.
source "$(dirname "$0")/lib.sh"
source "$SANDBOX_DIR/components.sh"

action=${1:-} component=${2:-}
usage="usage: npm run sandbox:break -- stop|start ${COMPONENTS[*]// /|}, or restart control-plane"
[ -d "$STATE_DIR" ] || die "the sandbox is not running." "Start it with 'npm run sandbox:up'."
if [ "$action $component" = "restart control-plane" ]; then
  kwokctl() { PATH=$STATE_DIR/bin:$PATH "$(bin kwokctl "$KWOK_VERSION")" "$@" --name "$CLUSTER_NAME" >>"$LOG_DIR/kwokctl.log" 2>&1; }
  lease_holders() { kube get leases -n kube-node-lease -o jsonpath='{range .items[*]}{.spec.holderIdentity}{"\n"}{end}' 2>/dev/null; }
  old_holder=$(lease_holders | head -n 1)
  kwokctl stop cluster || die "kwokctl could not stop the control plane (log: $LOG_DIR/kwokctl.log)."
  say "control plane stopped"
  kwokctl start cluster || die "kwokctl could not start the control plane (log: $LOG_DIR/kwokctl.log)."
  await "the API server" 60 "$LOG_DIR/kwokctl.log" apiserver_ready
  # The new KWOK acts on pods only once it holds the node leases of the one it replaced.
  kwok_took_over() { local holders; holders=$(lease_holders); [ -n "$holders" ] && ! grep -qxF "$old_holder" <<<"$holders"; }
  await "KWOK taking over the nodes" 60 "$KWOK_WORKDIR/clusters/$CLUSTER_NAME/logs/kwok-controller.log" kwok_took_over
  say "control plane started again"
  exit 0
fi
[[ " ${COMPONENTS[*]} " == *" $component "* ]] || die "unknown component '${component}'." "$usage"
case $action in
  stop) stop_daemon "$component"; say "$component stopped" ;;
  start) alive "$component" && { say "$component is already running"; exit 0; }
         start_component "$component"; say "$component started, pid $(pid_of "$component")" ;;
  *) die "unknown action '$action'." "$usage" ;;
esac
