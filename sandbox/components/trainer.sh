# Kubeflow Trainer v2 (TrainJob, TrainingRuntime, ClusterTrainingRuntime): its
# controller manager run as a process, with the CRDs and default
# ClusterTrainingRuntimes that ship in its module, and its webhooks registered at
# the process's local address.

trainer::version() { echo "$TRAINER_VERSION"; }

trainer::build() {
  build_go_main trainer github.com/kubeflow/trainer/v2 "$TRAINER_VERSION" \
    github.com/kubeflow/trainer/v2/cmd/trainer-controller-manager
}

trainer::install() {
  local dir; dir=$(module_dir "trainer-$TRAINER_VERSION" github.com/kubeflow/trainer/v2)
  apply_crds "$dir"/manifests/base/crds/trainer.kubeflow.org_*.yaml
  # The runtimes go in before the webhooks that validate them are registered: the
  # controller that serves those webhooks starts only after this.
  local runtime
  for runtime in "$dir"/manifests/base/runtimes/*.yaml; do
    [ "$(basename "$runtime")" = kustomization.yaml ] || kube apply --server-side -f "$runtime" >/dev/null
  done
  register_webhooks trainer-webhooks.yaml "${TRAINER_PORTS[1]}"
}

trainer::uninstall() {
  kube delete --ignore-not-found mutatingwebhookconfiguration/kubeflow-bdd-sandbox-trainer \
    validatingwebhookconfiguration/kubeflow-bdd-sandbox-trainer >/dev/null
  kube delete --ignore-not-found crd/trainjobs.trainer.kubeflow.org crd/trainingruntimes.trainer.kubeflow.org \
    crd/clustertrainingruntimes.trainer.kubeflow.org >/dev/null
}

trainer::start() {
  # Certificate management off: its rotator signs for an in-cluster Service. The
  # webhook server then reads the sandbox's certificate from the fixed directory.
  serve_webhook_certificate
  cat >"$STATE_DIR/trainer-config.yaml" <<CONFIG
apiVersion: config.trainer.kubeflow.org/v1alpha1
kind: Configuration
health:
  healthProbeBindAddress: 127.0.0.1:${TRAINER_PORTS[0]}
metrics:
  bindAddress: "0"
webhook:
  port: ${TRAINER_PORTS[1]}
  host: 127.0.0.1
leaderElection:
  leaderElect: false
certManagement:
  enable: false
CONFIG
  KUBECONFIG=$SANDBOX_KUBECONFIG start_daemon trainer "$(bin trainer "$TRAINER_VERSION")" \
    --config="$STATE_DIR/trainer-config.yaml"
}

trainer::ready() { alive trainer && curl -fs -o /dev/null "http://127.0.0.1:${TRAINER_PORTS[0]}/readyz"; }
