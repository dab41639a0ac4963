# Kubeflow's profile controller (Profile -> a user's namespace, its ServiceAccounts
# and RoleBindings), run as a process, with the Profile CRD that ships in its
# module, the Istio AuthorizationPolicy CRD it writes into every profile namespace
# (from the Istio API module it is built with) and the kubeflow-admin, -edit and
# -view ClusterRoles its RoleBindings name.

profile-controller::version() { echo "$PROFILE_CONTROLLER_VERSION"; }

PROFILE_CONTROLLER_MODULE=github.com/kubeflow/kubeflow/components/profile-controller

profile-controller::build() {
  build_go_main profile-controller "$PROFILE_CONTROLLER_MODULE" "$PROFILE_CONTROLLER_VERSION" "$PROFILE_CONTROLLER_MODULE"
}

profile_controller_module() { module_dir "profile-controller-$PROFILE_CONTROLLER_VERSION" "$1"; }

profile-controller::install() {
  local dir istio; dir=$(profile_controller_module "$PROFILE_CONTROLLER_MODULE"); istio=$(profile_controller_module istio.io/api)
  # Istio's CRDs come as one file; the controller needs only AuthorizationPolicy's.
  awk 'BEGIN { RS = "\n---\n" } /\n  name: authorizationpolicies\.security\.istio\.io\n/ { print }' \
    "$istio/kubernetes/customresourcedefinitions.gen.yaml" >"$STATE_DIR/authorizationpolicies-crd.yaml"
  apply_crds "$dir/config/crd/bases/kubeflow.org_profiles.yaml" "$STATE_DIR/authorizationpolicies-crd.yaml"
  kube apply -f "$SANDBOX_DIR/cluster/kubeflow-roles.yaml" >/dev/null
}

profile-controller::uninstall() {
  kube delete --ignore-not-found crd/profiles.kubeflow.org >/dev/null
}

profile-controller::start() {
  local dir; dir=$(profile_controller_module "$PROFILE_CONTROLLER_MODULE")
  start_daemon profile-controller "$(bin profile-controller "$PROFILE_CONTROLLER_VERSION")" \
    -kubeconfig "$SANDBOX_KUBECONFIG" -leader-elect=false \
    -metrics-bind-address "127.0.0.1:${PROFILE_CONTROLLER_PORTS[0]}" \
    -health-probe-bind-address "127.0.0.1:${PROFILE_CONTROLLER_PORTS[1]}" \
    -namespace-labels-path "$dir/config/base/namespace-labels.yaml"
}

profile-controller::ready() {
  alive profile-controller && curl -fs -o /dev/null "http://127.0.0.1:${PROFILE_CONTROLLER_PORTS[1]}/readyz"
}
