# Kubeflow training operator v1 (PyTorchJob, TFJob), run as a process out of the
# cluster, with the CRDs that ship in its module.

training-operator::version() { echo "$TRAINING_OPERATOR_VERSION"; }

training-operator::build() {
  build_go_main training-operator github.com/kubeflow/training-operator "$TRAINING_OPERATOR_VERSION" \
    github.com/kubeflow/training-operator/cmd/training-operator.v1
}

training-operator::install() {
  local dir; dir=$(module_dir "training-operator-$TRAINING_OPERATOR_VERSION" github.com/kubeflow/training-operator)
  apply_crds "$dir/manifests/base/crds/kubeflow.org_pytorchjobs.yaml" "$dir/manifests/base/crds/kubeflow.org_tfjobs.yaml"
  kube create secret generic training-operator-webhook-cert -n kubeflow --dry-run=client -o yaml | kube apply -f - >/dev/null
}

training-operator::start() {
  # Out of a cluster the operator still runs its certificate rotator, which reads
  # serving certificates from the fixed directory.
  serve_webhook_certificate
  # PyTorchJob workers wait for the master's DNS name in an init container; its
  # image (alpine by default) comes from the sandbox's registry instead.
  KUBECONFIG=$SANDBOX_KUBECONFIG MY_POD_NAMESPACE=kubeflow start_daemon training-operator \
    "$(bin training-operator "$TRAINING_OPERATOR_VERSION")" \
    --enable-scheme=pytorchjob --enable-scheme=tfjob \
    --pytorch-init-container-image="$(image_ref shell)" \
    --metrics-bind-address="127.0.0.1:${TRAINING_OPERATOR_PORTS[0]}" \
    --health-probe-bind-address="127.0.0.1:${TRAINING_OPERATOR_PORTS[1]}" \
    --webhook-server-port="${TRAINING_OPERATOR_PORTS[2]}"
}

training-operator::ready() {
  alive training-operator && curl -fs -o /dev/null "http://127.0.0.1:${TRAINING_OPERATOR_PORTS[1]}/readyz"
}

training-operator::uninstall() {
  kube delete --ignore-not-found crd/pytorchjobs.kubeflow.org crd/tfjobs.kubeflow.org >/dev/null
}
