# The platform's Helm release: our chart sandbox/chart/kubeflowinstaller, installed
# with helm as release kubeflowinstaller in namespace kubeflow-installer, for the
# upgrade feature. Its Deployments run the sandbox's pause image on the real node
# (a values file of the sandbox's own, which a reset of the release passes again).

kubeflowinstaller::version() { echo "helm $HELM_VERSION"; }
kubeflowinstaller::build() { build_go_main helm helm.sh/helm/v3 "$HELM_VERSION" helm.sh/helm/v3/cmd/helm; }

export HELM_CONFIG_HOME=$STATE_DIR/helm/config HELM_CACHE_HOME=$STATE_DIR/helm/cache HELM_DATA_HOME=$STATE_DIR/helm/data
helm_run() { "$(bin helm "$HELM_VERSION")" --kubeconfig "$SANDBOX_KUBECONFIG" "$@"; }

kubeflowinstaller::start() {
  ln -sf "$(bin helm "$HELM_VERSION")" "$STATE_DIR/bin/helm"
  echo "image: $(image_ref pause)" >"$STATE_DIR/kubeflowinstaller-values.yaml"
  run_quiet "$LOG_DIR/helm.log" helm_run install kubeflowinstaller "$SANDBOX_DIR/chart/kubeflowinstaller" \
    --namespace kubeflow-installer --create-namespace --values "$STATE_DIR/kubeflowinstaller-values.yaml" --wait --timeout 3m
}

kubeflowinstaller::ready() { helm_run status kubeflowinstaller -n kubeflow-installer 2>/dev/null | grep -q 'STATUS: deployed'; }
kubeflowinstaller::stop() { :; }
