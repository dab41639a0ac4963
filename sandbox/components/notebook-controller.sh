# Kubeflow's notebook controller (Notebook -> StatefulSet), run as a process, with
# the Notebook CRD that ships in its module.

notebook-controller::version() { echo "$NOTEBOOK_CONTROLLER_VERSION"; }

notebook-controller::build() {
  build_go_main notebook-controller github.com/kubeflow/kubeflow/components/notebook-controller \
    "$NOTEBOOK_CONTROLLER_VERSION" github.com/kubeflow/kubeflow/components/notebook-controller
}

notebook-controller::install() {
  local dir; dir=$(module_dir "notebook-controller-$NOTEBOOK_CONTROLLER_VERSION" github.com/kubeflow/kubeflow/components/notebook-controller)
  apply_crds "$dir/config/crd/bases/kubeflow.org_notebooks.yaml"
}

notebook-controller::start() {
  KUBECONFIG=$SANDBOX_KUBECONFIG start_daemon notebook-controller \
    "$(bin notebook-controller "$NOTEBOOK_CONTROLLER_VERSION")" \
    -metrics-addr="127.0.0.1:${NOTEBOOK_CONTROLLER_PORTS[0]}" \
    -probe-addr="127.0.0.1:${NOTEBOOK_CONTROLLER_PORTS[1]}"
}

notebook-controller::ready() {
  alive notebook-controller && curl -fs -o /dev/null "http://127.0.0.1:${NOTEBOOK_CONTROLLER_PORTS[1]}/readyz"
}

notebook-controller::uninstall() {
  kube delete --ignore-not-found crd/notebooks.kubeflow.org >/dev/null
}
