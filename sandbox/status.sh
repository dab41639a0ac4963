#!/usr/bin/env bash
# Says which sandbox components run, with their versions. Exit code 0 when all do.
source "$(dirname "$0")/lib/common.sh"
source "$SANDBOX_DIR/components.sh"

[ -d "$STATE_DIR" ] || { say "the sandbox is not running ('npm run sandbox:up' starts it)"; exit 3; }
healthy=0
row() { printf '  %-20s %-60s %s\n' "$@"; }
row COMPONENT VERSION STATE
for name in "${COMPONENTS[@]}"; do
  pid=$(pid_of "$name")
  if component "$name" ready 2>/dev/null; then row "$name" "$(component "$name" version)" "ready${pid:+, pid $pid}"
  elif [[ " ${BREAKABLE[*]} " == *" $name "* ]]; then
    row "$name" "$(component "$name" version)" "NOT READY ('npm run sandbox:break -- start $name' starts it)"; healthy=1
  else row "$name" "$(component "$name" version)" "NOT READY"; healthy=1; fi
done
if apiserver_ready; then
  say "API server https://127.0.0.1:$APISERVER_PORT ready; kubeconfig: $SANDBOX_KUBECONFIG"
  kube get nodes --no-headers 2>/dev/null | sed 's/^/  node /'
fi
exit $healthy
