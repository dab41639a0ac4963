#!/usr/bin/env bash
# Breaks the platform on purpose, for the harness's negative tests, and repairs it:
#   break.sh stop  <component>   stops it (its API objects stay, nothing acts on them)
#   break.sh start <component>   starts it again, as 'up' does
# Components: training-operator, poddefault-webhook, notebook-controller.
source "$(dirname "$0")/lib.sh"
source "$SANDBOX_DIR/components.sh"

action=${1:-} component=${2:-}
usage="usage: npm run sandbox:break -- stop|start ${COMPONENTS[*]// /|}"
[[ " ${COMPONENTS[*]} " == *" $component "* ]] || die "unknown component '${component}'." "$usage"
[ -d "$STATE_DIR" ] || die "the sandbox is not running." "Start it with 'npm run sandbox:up'."
case $action in
  stop) stop_daemon "$component"; say "$component stopped" ;;
  start) alive "$component" && { say "$component is already running"; exit 0; }
         start_component "$component"; say "$component started, pid $(pid_of "$component")" ;;
  *) die "unknown action '$action'." "$usage" ;;
esac
