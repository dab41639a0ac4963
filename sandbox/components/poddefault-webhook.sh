# Kubeflow's PodDefault admission webhook, run as a process and registered with a
# URL MutatingWebhookConfiguration for namespaces labelled as Kubeflow profiles,
# with the CRD that ships in its module.

poddefault-webhook::version() { echo "$PODDEFAULT_WEBHOOK_VERSION"; }

poddefault-webhook::build() {
  local module=github.com/kubeflow/kubeflow/components/admission-webhook
  build_go_main poddefault-webhook "$module" "$PODDEFAULT_WEBHOOK_VERSION" "$module"
}

poddefault-webhook::install() {
  local dir; dir=$(module_dir "poddefault-webhook-$PODDEFAULT_WEBHOOK_VERSION" github.com/kubeflow/kubeflow/components/admission-webhook)
  apply_crds "$dir/manifests/base/crd.yaml"
  register_webhooks poddefault-webhook.yaml "$PODDEFAULT_WEBHOOK_PORT"
}

poddefault-webhook::start() {
  start_daemon poddefault-webhook "$(bin poddefault-webhook "$PODDEFAULT_WEBHOOK_VERSION")" \
    -kubeconfig "$SANDBOX_KUBECONFIG" \
    -tlsCertFile "$CERT_DIR/serving.crt" -tlsKeyFile "$CERT_DIR/serving.key"
}

poddefault-webhook::ready() { alive poddefault-webhook && port_in_use "$PODDEFAULT_WEBHOOK_PORT"; }
