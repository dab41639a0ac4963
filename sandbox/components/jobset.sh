# JobSet (sigs.k8s.io/jobset), which Kubeflow Trainer v2 runs its TrainJobs on:
# run as a process, with the CRD that ships in its module and its webhooks
# registered at the process's local address.

jobset::version() { echo "$JOBSET_VERSION"; }

jobset::build() { build_go_main jobset sigs.k8s.io/jobset "$JOBSET_VERSION" sigs.k8s.io/jobset; }

jobset::install() {
  local dir; dir=$(module_dir "jobset-$JOBSET_VERSION" sigs.k8s.io/jobset)
  apply_crds "$dir/config/components/crd/bases/jobset.x-k8s.io_jobsets.yaml"
  register_webhooks jobset-webhooks.yaml "${JOBSET_PORTS[1]}"
}

jobset::uninstall() {
  kube delete --ignore-not-found mutatingwebhookconfiguration/kubeflow-bdd-sandbox-jobset \
    validatingwebhookconfiguration/kubeflow-bdd-sandbox-jobset crd/jobsets.jobset.x-k8s.io >/dev/null
}

jobset::start() {
  # Its own certificate rotator works only in a cluster (it writes a Secret a
  # Service's name is signed into); the sandbox's certificate serves instead.
  cat >"$STATE_DIR/jobset-config.yaml" <<CONFIG
apiVersion: config.jobset.x-k8s.io/v1alpha1
kind: Configuration
leaderElection:
  leaderElect: false
internalCertManagement:
  enable: false
webhook:
  port: ${JOBSET_PORTS[1]}
  host: 127.0.0.1
  certDir: $WEBHOOK_CERT_DIR
CONFIG
  serve_webhook_certificate
  KUBECONFIG=$SANDBOX_KUBECONFIG start_daemon jobset "$(bin jobset "$JOBSET_VERSION")" \
    --config="$STATE_DIR/jobset-config.yaml" --metrics-bind-address=0 \
    --health-probe-bind-address="127.0.0.1:${JOBSET_PORTS[0]}"
}

jobset::ready() { alive jobset && curl -fs -o /dev/null "http://127.0.0.1:${JOBSET_PORTS[0]}/readyz"; }
