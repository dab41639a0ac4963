# KServe (InferenceService, ServingRuntime): its controller manager run as a
# process, in RawDeployment ("Standard") mode with no ingress, so that neither
# Knative nor Istio is needed; with the CRDs that ship in its module, its
# configuration, an sklearn ClusterServingRuntime and storage initializer of the
# sandbox's own images, and its webhooks registered at the process's address.

kserve::version() { echo "$KSERVE_VERSION"; }

# The manager builds only with the versions KServe's go.mod pins by replace
# directives (keda, for one, does not compile against the controller-runtime
# it would get otherwise). Cold: about 6 minutes.
kserve::build() { build_pinned_main kserve github.com/kserve/kserve "$KSERVE_VERSION" github.com/kserve/kserve/cmd/manager; }

# The CRDs the manager watches or its webhooks read (ClusterStorageContainer: the
# pod webhook lists them for every model URI), in its module's config/crd/full;
# not those of LLMInferenceService and the local model cache, whose controllers
# are other programs.
kserve_crds() {
  local dir; dir=$(module_dir "kserve-$KSERVE_VERSION" github.com/kserve/kserve)/config/crd/full
  printf '%s\n' "$dir"/serving.kserve.io_{inferenceservices,servingruntimes,clusterservingruntimes,trainedmodels,inferencegraphs}.yaml \
    "$dir/clusterstoragecontainer/serving.kserve.io_clusterstoragecontainers.yaml"
}

kserve::install() {
  local crds; mapfile -t crds < <(kserve_crds)
  apply_crds "${crds[@]}"
  sed "s|@STORAGE_INITIALIZER_IMAGE@|$(image_ref kserve-storage-initializer)|" "$SANDBOX_DIR/cluster/kserve-config.yaml" \
    | kube apply -f - >/dev/null
  # The runtime goes in before the webhook that validates it is registered: the
  # controller that serves that webhook starts only after this.
  sed "s|@IMAGE@|$(image_ref kserve-sklearn)|" "$SANDBOX_DIR/cluster/kserve-sklearn-runtime.yaml" | kube apply -f - >/dev/null
  register_webhooks kserve-webhooks.yaml "${KSERVE_PORTS[1]}"
}

kserve::uninstall() {
  kube delete --ignore-not-found mutatingwebhookconfiguration/kubeflow-bdd-sandbox-kserve \
    validatingwebhookconfiguration/kubeflow-bdd-sandbox-kserve >/dev/null
  kube delete --ignore-not-found -n kubeflow configmap/inferenceservice-config >/dev/null
  # The controller, stopped by now, puts a finalizer on every InferenceService:
  # left there, deleting the CRD would wait for it forever.
  local isvc crd
  for isvc in $(kube get inferenceservices.serving.kserve.io -A --ignore-not-found \
    -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{"\n"}{end}' 2>/dev/null); do
    kube patch -n "${isvc%/*}" "inferenceservices.serving.kserve.io/${isvc#*/}" --type=merge -p '{"metadata":{"finalizers":null}}' >/dev/null
  done
  for crd in $(kserve_crds); do kube delete --ignore-not-found -f "$crd" >/dev/null; done
}

kserve::start() {
  # Upstream has cert-manager issue the webhook server's certificate; the server
  # reads it from the fixed directory, where the sandbox's certificate is instead.
  # It reads its configuration from the namespace POD_NAMESPACE names, and its
  # InferenceService defaulter finds the API server by KUBECONFIG only.
  serve_webhook_certificate
  KUBECONFIG=$SANDBOX_KUBECONFIG POD_NAMESPACE=kubeflow start_daemon kserve "$(bin kserve "$KSERVE_VERSION")" \
    -leader-elect=false -metrics-addr=0 -health-probe-addr="127.0.0.1:${KSERVE_PORTS[0]}" \
    -webhook-port="${KSERVE_PORTS[1]}"
}

kserve::ready() { alive kserve && curl -fs -o /dev/null "http://127.0.0.1:${KSERVE_PORTS[0]}/readyz"; }
