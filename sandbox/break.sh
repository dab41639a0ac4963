#!/usr/bin/env bash
# Breaks the platform on purpose, for the harness's negative tests, and repairs it:
#   break.sh stop  <component>       breaks it (by default: stops it; its API objects stay)
#   break.sh remove <component>      stops it and deletes its API (CRDs, webhook
#                                    registrations): a platform that never installed it
#   break.sh start <component>       starts it again, as 'up' does (installing it again
#                                    when it was removed)
# A platform of one training generation:
#   Trainer v2 only:  break.sh remove training-operator
#   Training Operator v1 only:  break.sh remove trainer; break.sh remove jobset
#   break.sh restart control-plane   stops etcd, kube-apiserver, controller-manager,
#                                    scheduler and kwok, and starts them again with their data
# Components: see BREAKABLE in components.sh.
source "$(dirname "$0")/lib/common.sh"
source "$SANDBOX_DIR/components.sh"

action=${1:-} name=${2:-}
usage="usage: npm run sandbox:break -- stop|remove|start $(IFS='|'; echo "${BREAKABLE[*]}"), or restart control-plane"
[ -d "$STATE_DIR" ] || die "the sandbox is not running." "Start it with 'npm run sandbox:up'."
export PATH=$STATE_DIR/bin:$PATH
if [ "$action $name" = "restart control-plane" ]; then control-plane::restart; exit 0; fi
[[ " ${BREAKABLE[*]} " == *" $name "* ]] || die "unknown component '${name}'." "$usage"
case $action in
  stop) component "$name" break; say "$name stopped" ;;
  remove) component "$name" stop; component "$name" uninstall; touch "$STATE_DIR/removed-$name"; record_kubeflow_components
          say "$name removed: its process stopped, its CRDs and webhook registrations deleted" ;;
  start) if [ -f "$STATE_DIR/removed-$name" ]; then component "$name" install; rm -f "$STATE_DIR/removed-$name"; record_kubeflow_components
         elif component "$name" ready 2>/dev/null; then say "$name is already running"; exit 0; fi
         start_component "$name"; say "$name started" ;;
  *) die "unknown action '$action'." "$usage" ;;
esac
