# Kubeflow's PodDefault admission webhook, run as a process and registered with a
# URL MutatingWebhookConfiguration for namespaces labelled as Kubeflow profiles.

poddefault-webhook::version() { echo "$PODDEFAULT_WEBHOOK_VERSION"; }

# The webhook was last published against client-go 10 and the apimachinery of
# early 2019; newer reflect2/json-iterator are needed on modern Go (older ones
# crash at start-up).
poddefault-webhook::build() {
  local v=$PODDEFAULT_WEBHOOK_VERSION module=github.com/kubeflow/kubeflow/components/admission-webhook
  have "poddefault-webhook-$v" && return
  say "PodDefault webhook $v: building"
  local dir; dir=$(wrapper_module "poddefault-webhook-$v")
  {
    printf 'require %s %s\n\nreplace (\n' "$module" "$v"
    printf '\tk8s.io/api => k8s.io/api v0.0.0-20190222213804-5cb15d344471\n'
    printf '\tk8s.io/apimachinery => k8s.io/apimachinery v0.0.0-20190221213512-86fb29eff628\n'
    printf '\tk8s.io/client-go => k8s.io/client-go v10.0.0+incompatible\n)\n'
  } >>"$dir/go.mod"
  (cd "$dir" && go get github.com/modern-go/reflect2@v1.0.2 github.com/json-iterator/go@v1.1.12 >"$dir/get.log" 2>&1) \
    || { tail -n 20 "$dir/get.log" >&2; die "could not resolve the PodDefault webhook's modules (log: $dir/get.log)." "Check access to $(go env GOPROXY)."; }
  go_build_into "$dir" poddefault-webhook "$v" "$module" -ldflags '-s -w'
}

poddefault-webhook::install() {
  apply_crds "$SANDBOX_DIR/cluster/poddefault-crd.yaml"
  register_webhooks poddefault-webhook.yaml "$PODDEFAULT_WEBHOOK_PORT"
}

poddefault-webhook::start() {
  start_daemon poddefault-webhook "$(bin poddefault-webhook "$PODDEFAULT_WEBHOOK_VERSION")" \
    -kubeconfig "$SANDBOX_KUBECONFIG" \
    -tlsCertFile "$CERT_DIR/serving.crt" -tlsKeyFile "$CERT_DIR/serving.key"
}

poddefault-webhook::ready() { alive poddefault-webhook && port_in_use "$PODDEFAULT_WEBHOOK_PORT"; }
