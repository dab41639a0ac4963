# How each Kubeflow controller of the sandbox is started, stopped and probed.
# Sourced by up.sh and break.sh, so breaking and repairing the platform starts a
# component exactly as `up` does.

COMPONENTS=(training-operator poddefault-webhook notebook-controller)

start_training_operator() {
  # Out of a cluster the operator still runs its certificate rotator, which reads
  # serving certificates from this fixed directory.
  mkdir -p /tmp/k8s-webhook-server/serving-certs
  cp "$CERT_DIR/serving.crt" /tmp/k8s-webhook-server/serving-certs/tls.crt
  cp "$CERT_DIR/serving.key" /tmp/k8s-webhook-server/serving-certs/tls.key
  KUBECONFIG=$SANDBOX_KUBECONFIG MY_POD_NAMESPACE=kubeflow start_daemon training-operator \
    "$(bin training-operator "$TRAINING_OPERATOR_VERSION")" \
    --enable-scheme=pytorchjob --enable-scheme=tfjob \
    --metrics-bind-address="127.0.0.1:${TRAINING_OPERATOR_PORTS[0]}" \
    --health-probe-bind-address="127.0.0.1:${TRAINING_OPERATOR_PORTS[1]}" \
    --webhook-server-port="${TRAINING_OPERATOR_PORTS[2]}"
  await "the training operator" 60 "$LOG_DIR/training-operator.log" \
    curl -fs -o /dev/null "http://127.0.0.1:${TRAINING_OPERATOR_PORTS[1]}/readyz"
}

start_poddefault_webhook() {
  start_daemon poddefault-webhook "$(bin poddefault-webhook "$PODDEFAULT_WEBHOOK_VERSION")" \
    -kubeconfig "$SANDBOX_KUBECONFIG" \
    -tlsCertFile "$CERT_DIR/serving.crt" -tlsKeyFile "$CERT_DIR/serving.key"
  await "the PodDefault webhook" 30 "$LOG_DIR/poddefault-webhook.log" port_in_use "$PODDEFAULT_WEBHOOK_PORT"
}

start_notebook_controller() {
  KUBECONFIG=$SANDBOX_KUBECONFIG start_daemon notebook-controller \
    "$(bin notebook-controller "$NOTEBOOK_CONTROLLER_VERSION")" \
    -metrics-addr="127.0.0.1:${NOTEBOOK_CONTROLLER_PORTS[0]}" \
    -probe-addr="127.0.0.1:${NOTEBOOK_CONTROLLER_PORTS[1]}"
  await "the notebook controller" 60 "$LOG_DIR/notebook-controller.log" \
    curl -fs -o /dev/null "http://127.0.0.1:${NOTEBOOK_CONTROLLER_PORTS[1]}/readyz"
}

start_component() { "start_${1//-/_}"; }
