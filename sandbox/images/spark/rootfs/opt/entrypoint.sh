#!/bin/bash
# One image, three roles, told apart by the first argument:
#   controller|webhook|version  the Kubeflow Spark Operator (its chart passes these)
#   driver                      a Spark driver pod, as Spark's Kubernetes backend
#                               starts it: spark-submit in client mode inside the pod
#   executor                    a Spark executor pod: the executor backend, with the
#                               settings Spark's backend puts in the pod's environment
# Anything else runs as given.
set -euo pipefail

# Java asks the system for the name of the user it runs as, and the image's Debian
# knows no uid 185 (nor the uid a securityContext may give): nss_wrapper names it,
# as Apache's images do, from files of the image for 185 (the operator's pods have
# a read-only root) or written to /tmp for any other.
if ! getent passwd "$(id -u)" >/dev/null; then
  if [ "$(id -u)" = 185 ]; then
    NSS_WRAPPER_PASSWD=/opt/spark-user/passwd NSS_WRAPPER_GROUP=/opt/spark-user/group
  else
    NSS_WRAPPER_PASSWD=$(mktemp) NSS_WRAPPER_GROUP=$(mktemp)
    printf 'spark:x:%s:%s:spark:%s:/bin/false\n' "$(id -u)" "$(id -g)" "${HOME:-/tmp}" >"$NSS_WRAPPER_PASSWD"
    printf 'spark:x:%s:\n' "$(id -g)" >"$NSS_WRAPPER_GROUP"
  fi
  export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libnss_wrapper.so NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
fi

case "${1:-}" in
  controller | webhook | version)
    exec /usr/bin/spark-operator "$@"
    ;;
  driver)
    shift
    # The backend passes the pod's IP to bind to; executors call the driver there.
    exec "$SPARK_HOME/bin/spark-submit" \
      --conf "spark.driver.bindAddress=$SPARK_DRIVER_BIND_ADDRESS" \
      --conf "spark.executorEnv.SPARK_DRIVER_POD_IP=$SPARK_DRIVER_BIND_ADDRESS" \
      --deploy-mode client "$@"
    ;;
  executor)
    shift
    # The backend passes the executor's JVM options as SPARK_JAVA_OPT_0, _1, ... in order.
    java_options=()
    while IFS= read -r option; do java_options+=("$option"); done < <(env | grep '^SPARK_JAVA_OPT_' | sort -t_ -k4 -n | cut -d= -f2-)
    exec "$JAVA_HOME/bin/java" "${java_options[@]}" \
      -Xms"$SPARK_EXECUTOR_MEMORY" -Xmx"$SPARK_EXECUTOR_MEMORY" \
      -cp "${SPARK_CLASSPATH:+$SPARK_CLASSPATH:}$SPARK_HOME/conf:$SPARK_HOME/jars/*" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "$SPARK_DRIVER_URL" \
      --executor-id "$SPARK_EXECUTOR_ID" \
      --cores "$SPARK_EXECUTOR_CORES" \
      --app-id "$SPARK_APPLICATION_ID" \
      --hostname "$SPARK_EXECUTOR_POD_IP" \
      --resourceProfileId "$SPARK_RESOURCE_PROFILE_ID" \
      --podName "$SPARK_EXECUTOR_POD_NAME"
    ;;
  *)
    exec "$@"
    ;;
esac
