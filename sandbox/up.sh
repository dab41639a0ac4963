#!/usr/bin/env bash
# Starts the sandbox: builds what is missing, then starts every component of
# components.sh in order and waits until each is ready.
source "$(dirname "$0")/lib/common.sh"
source "$SANDBOX_DIR/components.sh"

started=$SECONDS

if [ -d "$STATE_DIR" ]; then
  # A running API server may still be starting (just after 'sandbox:break -- restart
  # control-plane'): give it a minute before taking the sandbox for a crashed one.
  apiserver_pid=$(cat "$KWOK_WORKDIR/clusters/$CLUSTER_NAME/pids/kube-apiserver.pid" 2>/dev/null || true)
  if [ -n "$apiserver_pid" ] && running "$apiserver_pid"; then
    for _ in $(seq 120); do apiserver_ready && break; sleep 0.5; done
  fi
  if apiserver_ready && [ -f "$UP_COMPLETE" ]; then
    say "the sandbox is already running; nothing to do ('npm run sandbox:status' shows it, 'npm run sandbox:down' stops it)."
    exit 0
  fi
  if apiserver_ready; then say "found a sandbox whose start stopped half way: cleaning it up first"
  else say "found state of a sandbox that is not running (a crashed or killed run): cleaning it up first"; fi
  bash "$SANDBOX_DIR/down.sh"
fi

# Every tool, package, kernel feature, port and the disk, before minutes of building.
check_prerequisites up
KUBEFLOW_BDD_PREREQUISITES_CHECKED=1 bash "$SANDBOX_DIR/build.sh"
mkdir -p "$STATE_DIR/bin" "$CERT_DIR" "$LOG_DIR"
export PATH=$STATE_DIR/bin:$PATH
make_serving_certificate

for name in "${COMPONENTS[@]}"; do
  say "starting $name: $(component "$name" version)"
  component "$name" install
  start_component "$name" 300
done
record_kubeflow_components

cat >"$STATE_DIR/env" <<ENV
export KUBECONFIG=$SANDBOX_KUBECONFIG
export PATH=$STATE_DIR/bin:\$PATH
export HELM_CONFIG_HOME=$HELM_CONFIG_HOME HELM_CACHE_HOME=$HELM_CACHE_HOME HELM_DATA_HOME=$HELM_DATA_HOME
# The workload images the real node runs, built by the sandbox.
export KUBEFLOW_BDD_IMAGE_PYTORCH=$(image_ref pytorch-mnist)
export KUBEFLOW_BDD_IMAGE_NOTEBOOK=$(image_ref notebook)
# The sandbox's Jupyter image offers both kernels, Python and R.
export KUBEFLOW_BDD_IMAGE_NOTEBOOK_R=$(image_ref notebook)
export KUBEFLOW_BDD_IMAGE_SHELL=$(image_ref shell)
export KUBEFLOW_BDD_IMAGE_TENSORFLOW=$(image_ref tensorflow-mnist)
export KUBEFLOW_BDD_IMAGE_SPARK=$(image_ref spark)
# Its program reports the mean cross entropy over its validation digits (about 0.1
# once trained, ln 10 = 2.30 at chance), not the dist-mnist example's sum.
export KUBEFLOW_BDD_CROSS_ENTROPY_MAX=0.5
export KUBEFLOW_BDD_IMAGE_KANIKO=$(image_ref kaniko)
export KUBEFLOW_BDD_IMAGE_KANIKO_BASE=$(image_ref shell)
# Kaniko pushes its build to the sandbox's private registry with its login, given
# as a user gives theirs: a docker config file. It pulls the base image from the
# anonymous registry. Both speak plain HTTP.
export KUBEFLOW_BDD_REGISTRY=$PRIVATE_REGISTRY
export KUBEFLOW_BDD_REGISTRY_CONFIG=$PRIVATE_REGISTRY_LOGIN
export KUBEFLOW_BDD_REGISTRY_INSECURE=true
export KUBEFLOW_BDD_IMAGE_KANIKO_BASE_INSECURE=true
ENV
touch "$UP_COMPLETE"
say "the sandbox is up ($((SECONDS - started))s). Use it with:"
say "  source .sandbox/env        # sets KUBECONFIG and puts the sandbox's kubectl and helm first on PATH"
say "  kubectl get nodes"
