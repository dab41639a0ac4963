# A local OCI registry (CNCF distribution), from which the real node pulls the
# workload images. It listens on the node's address, so pods reach it too (a
# real Kaniko build will push there); its storage is a cache kept between runs.

registry::version() { echo "distribution $DISTRIBUTION_VERSION at $REGISTRY"; }

registry::build() {
  build_go_main registry github.com/distribution/distribution/v3 "$DISTRIBUTION_VERSION" \
    github.com/distribution/distribution/v3/cmd/registry
  build_go_main crane github.com/google/go-containerregistry "$GO_CONTAINERREGISTRY_VERSION" \
    github.com/google/go-containerregistry/cmd/crane
}

registry::start() {
  mkdir -p "$CACHE_DIR/registry"
  cat >"$STATE_DIR/registry.yaml" <<YAML
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $CACHE_DIR/registry}
  delete: {enabled: true}
http:
  addr: $REGISTRY
YAML
  # Frees the blobs of images deleted since the last start (earlier recipe builds,
  # Kaniko's replaced pushes); it must run while the registry does not serve.
  [ -d "$CACHE_DIR/registry/docker" ] && OTEL_TRACES_EXPORTER=none run_quiet "$LOG_DIR/registry-gc.log" \
    "$(bin registry "$DISTRIBUTION_VERSION")" garbage-collect --delete-untagged "$STATE_DIR/registry.yaml"
  # The registry reports to a collector unless told not to; there is none here.
  OTEL_TRACES_EXPORTER=none start_daemon registry "$(bin registry "$DISTRIBUTION_VERSION")" serve "$STATE_DIR/registry.yaml"
}

registry::ready() { alive registry && curl -fs -o /dev/null "http://$REGISTRY/v2/"; }
