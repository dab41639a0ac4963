# Katib (Experiment, Trial, Suggestion), installed as a platform installs it: from
# the manifests that ship in its module, with the images the sandbox builds from
# that module (images/katib-*, images/mariadb), as pods in namespace kubeflow on
# the real node. Not a process like the other controllers: Katib's controller
# calls each Experiment's suggestion service at <name>.<namespace>:6789 and the
# trials' metrics collectors report to katib-db-manager.kubeflow:6789, names only
# cluster DNS resolves. Its webhooks are served behind the katib-controller
# Service, signed by its own certificate generator; the API server reaches them
# through kube-proxy's rules.

KATIB_DIR=$STATE_DIR/katib
# In the order they need each other.
KATIB_DEPLOYMENTS=(katib-mysql katib-db-manager katib-controller)

katib::version() { echo "$KATIB_VERSION"; }

# The controller image's build fetched the module.
katib_manifests() { echo "$(module_dir "katib-controller-v1beta1-$KATIB_VERSION" github.com/kubeflow/katib)/manifests/v1beta1"; }

# A kustomize image override: Katib's image name, then our recipe's reference.
katib_image() {
  local ref; ref=$(image_ref "$2")
  printf '  - {name: %s, newName: %s, newTag: %s}\n' "$1" "${ref%:*}" "${ref##*:}"
}

# Katib's components as its standalone install composes them, less its CRDs
# (applied first, see install), its UI (an Angular app, not built here) and its
# Namespace (the sandbox's own kubeflow).
write_katib_kustomization() {
  mkdir -p "$KATIB_DIR"
  local upstream recipe component config=$KATIB_DIR/katib-config.yaml
  upstream=$(realpath --relative-to="$KATIB_DIR" "$(katib_manifests)/components") # kustomize takes no absolute paths
  cp "$SANDBOX_DIR/cluster/katib-config.yaml" "$config"
  for recipe in katib-metrics-collector katib-goptuna; do sed -i "s|@$recipe@|$(image_ref "$recipe")|" "$config"; done
  {
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: kubeflow\nresources:\n'
    for component in controller db-manager mysql webhook; do echo "  - $upstream/$component"; done
    echo 'images:'
    katib_image ghcr.io/kubeflow/katib/katib-controller katib-controller
    katib_image ghcr.io/kubeflow/katib/katib-db-manager katib-db-manager
    katib_image mysql mariadb
    # As the standalone install makes them: the configuration, and the empty Secret
    # the certificate generator fills.
    printf 'configMapGenerator:\n  - {name: katib-config, files: [katib-config.yaml], options: {disableNameSuffixHash: true}}\n'
    printf 'secretGenerator:\n  - {name: katib-webhook-cert, options: {disableNameSuffixHash: true}}\n'
  } >"$KATIB_DIR/kustomization.yaml"
}

katib::install() {
  local crds; crds=$(katib_manifests)/components/crd
  apply_crds "$crds/experiment.yaml" "$crds/suggestion.yaml" "$crds/trial.yaml"
  write_katib_kustomization
  kube apply --server-side --force-conflicts -k "$KATIB_DIR" >/dev/null
}

katib::uninstall() {
  [ -f "$KATIB_DIR/kustomization.yaml" ] || write_katib_kustomization
  kube delete --ignore-not-found -k "$KATIB_DIR" >/dev/null
  # Katib's objects carry finalizers its controller removed; without it, their CRDs
  # could not go. (Its webhooks, gone first, would refuse the change to Experiments.)
  local kind name
  for kind in experiments trials suggestions; do
    for name in $(kube get "$kind.kubeflow.org" -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{"\n"}{end}' 2>/dev/null); do
      kube patch "$kind.kubeflow.org" -n "${name%%/*}" "${name#*/}" --type=merge -p '{"metadata":{"finalizers":null}}' >/dev/null
    done
  done
  kube delete --ignore-not-found crd/experiments.kubeflow.org crd/suggestions.kubeflow.org crd/trials.kubeflow.org >/dev/null
}

katib::start() { kube scale deployment -n kubeflow --replicas=1 "${KATIB_DEPLOYMENTS[@]}" >/dev/null; }

# Its pods gone, MariaDB shut down cleanly; the sandbox's API may be gone already
# when `down` cleans up after a crash.
katib::stop() {
  apiserver_ready && kube get deployment -n kubeflow katib-controller >/dev/null 2>&1 || return 0
  kube scale deployment -n kubeflow --replicas=0 "${KATIB_DEPLOYMENTS[@]}" >/dev/null
  kube wait --for=delete pod -n kubeflow -l 'katib.kubeflow.org/component in (controller, db-manager, mysql)' --timeout=60s >/dev/null
}

# Every Deployment available: the controller is once its webhook server serves
# with the certificate it generated.
katib::ready() {
  [ "$(kube get deployment -n kubeflow "${KATIB_DEPLOYMENTS[@]}" -o jsonpath='{.items[*].status.availableReplicas}' 2>/dev/null)" = "1 1 1" ]
}
