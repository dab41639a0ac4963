#!/usr/bin/env bash
# Says what of the sandbox runs, with versions and pids. Exit code 0 when all runs.
source "$(dirname "$0")/lib.sh"
source "$SANDBOX_DIR/components.sh"

[ -d "$STATE_DIR" ] || { say "the sandbox is not running ('npm run sandbox:up' starts it)"; exit 3; }
healthy=0
row() { printf '  %-24s %-44s %s\n' "$@"; }
row COMPONENT VERSION STATE
for pidfile in "$KWOK_WORKDIR/clusters/$CLUSTER_NAME"/pids/*.pid; do
  [ -f "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid) pid=$(cat "$pidfile")
  case $name in etcd) v=$ETCD_VERSION ;; kwok-controller) v=$KWOK_VERSION ;; *) v=$KUBERNETES_VERSION ;; esac
  if running "$pid"; then row "$name" "$v" "running, pid $pid"; else row "$name" "$v" "STOPPED"; healthy=1; fi
done
for component in "${COMPONENTS[@]}"; do
  case $component in
    training-operator) v=$TRAINING_OPERATOR_VERSION ;; poddefault-webhook) v=$PODDEFAULT_WEBHOOK_VERSION ;; *) v=$NOTEBOOK_CONTROLLER_VERSION ;;
  esac
  if alive "$component"; then row "$component" "$v" "running, pid $(pid_of "$component")"
  else row "$component" "$v" "STOPPED ('npm run sandbox:break -- start $component' starts it)"; healthy=1; fi
done
if apiserver_ready; then
  say "API server https://127.0.0.1:$APISERVER_PORT ready; kubeconfig: $SANDBOX_KUBECONFIG"
  kube get nodes --no-headers 2>/dev/null | sed 's/^/  node /'
else
  say "the API server does not answer"; healthy=1
fi
exit $healthy
