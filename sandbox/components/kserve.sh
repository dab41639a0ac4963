# KServe (InferenceService, ServingRuntime): its controller manager run as a
# process, in RawDeployment ("Standard") mode with no ingress, so that neither
# Knative nor Istio is needed; with the CRDs that ship in its module, its
# webhooks registered at the process's address, and an sklearn
# ClusterServingRuntime and storage initializer from the sandbox's own images.

kserve::version() { echo "$KSERVE_VERSION"; }

# The manager builds only with the versions KServe's go.mod pins by replace
# directives (keda, for one, does not compile against the controller-runtime
# it would get otherwise).
kserve::build() {
  local v=$KSERVE_VERSION
  have "kserve-$v" && return
  say "KServe $v: building its controller manager (cold: about 5 minutes)"
  local dir; dir=$(wrapper_module "kserve-$v")
  { printf 'require github.com/kserve/kserve %s\n\n' "$v"; module_replaces github.com/kserve/kserve "$v"; } >>"$dir/go.mod"
  go_build_into "$dir" kserve "$v" github.com/kserve/kserve/cmd/manager -ldflags '-s -w'
}
