# The Kubeflow Spark Operator (SparkApplication), installed as Kubeflow installs it:
# from the Helm chart that ships in its module, with every namespace's
# SparkApplications in its care (spark.jobNamespaces [""]) and its webhook on, as
# pods in namespace kubeflow on the real node, of the sandbox's Spark image
# (images/spark, which has the operator's binary and the Spark it submits with).
# A pod, not a process: the operator runs spark-submit, which needs Java and
# Spark, and its webhook is served behind a Service, with the certificate it
# makes for itself; the API server reaches it through kube-proxy's rules.

SPARK_OPERATOR_DIR=$STATE_DIR/spark-operator
SPARK_OPERATOR_DEPLOYMENTS=(spark-operator-controller spark-operator-webhook)

spark-operator::version() { echo "$SPARK_OPERATOR_VERSION"; }

spark_operator_chart() { echo "$(module_download github.com/kubeflow/spark-operator/v2 "$SPARK_OPERATOR_VERSION" Dir)/charts/spark-operator-chart"; }

# The chart's objects as Kubeflow's values give them (leader election off: one
# replica each), with the sandbox's image.
write_spark_operator_manifests() {
  mkdir -p "$SPARK_OPERATOR_DIR"
  local ref; ref=$(image_ref spark)
  local repository=${ref#*/}
  cat >"$SPARK_OPERATOR_DIR/values.yaml" <<VALUES
image: {registry: "${ref%%/*}", repository: "${repository%:*}", tag: "${ref##*:}"}
spark: {jobNamespaces: [""]}
controller: {leaderElection: {enable: false}}
webhook: {enable: true, port: 9443, leaderElection: {enable: false}}
VALUES
  helm_run template spark-operator "$(spark_operator_chart)" --namespace kubeflow \
    --values "$SPARK_OPERATOR_DIR/values.yaml" >"$SPARK_OPERATOR_DIR/manifests.yaml"
}

spark-operator::install() {
  local crds; crds=$(spark_operator_chart)/crds
  # The controller watches SparkConnects too, and does not start without their CRD.
  apply_crds "$crds"/sparkoperator.k8s.io_{sparkapplications,scheduledsparkapplications,sparkconnects}.yaml
  write_spark_operator_manifests
  kube apply --server-side --force-conflicts -n kubeflow -f "$SPARK_OPERATOR_DIR/manifests.yaml" >/dev/null
}

spark-operator::uninstall() {
  [ -f "$SPARK_OPERATOR_DIR/manifests.yaml" ] || write_spark_operator_manifests
  kube delete --ignore-not-found -n kubeflow -f "$SPARK_OPERATOR_DIR/manifests.yaml" >/dev/null
  kube delete --ignore-not-found crd/sparkapplications.sparkoperator.k8s.io crd/scheduledsparkapplications.sparkoperator.k8s.io crd/sparkconnects.sparkoperator.k8s.io >/dev/null
}

spark-operator::start() { kube scale deployment -n kubeflow --replicas=1 "${SPARK_OPERATOR_DEPLOYMENTS[@]}" >/dev/null; }

spark-operator::stop() {
  apiserver_ready && kube get deployment -n kubeflow spark-operator-controller >/dev/null 2>&1 || return 0
  kube scale deployment -n kubeflow --replicas=0 "${SPARK_OPERATOR_DEPLOYMENTS[@]}" >/dev/null
  kube wait --for=delete pod -n kubeflow -l app.kubernetes.io/name=spark-operator --timeout=60s >/dev/null
}

# An operator that does not answer: its controller gone, its webhook still admitting
# SparkApplications that nothing then submits.
spark-operator::break() { kube scale deployment -n kubeflow --replicas=0 spark-operator-controller >/dev/null; }

spark-operator::ready() {
  [ "$(kube get deployment -n kubeflow "${SPARK_OPERATOR_DEPLOYMENTS[@]}" -o jsonpath='{.items[*].status.availableReplicas}' 2>/dev/null)" = "1 1" ]
}
