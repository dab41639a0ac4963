# The sandbox, one component a line, in the order `up` starts them; `down` stops
# them in the reverse order. Each has a file components/<name>.sh that defines
# the verbs it needs, as functions <name>::<verb>:
#   fetch    downloads what its build needs and compiles nothing (Debian's packages,
#            wheels); build.sh runs it beside the other components' builds, and
#            builds a component that has it last
#   build    builds what it needs into the cache (binaries, images); safe to repeat
#   install  applies its cluster objects (CRDs, webhook and policy configurations), at `up`; safe to repeat
#   uninstall deletes them again, for a platform that lacks the component
#   start    starts its process, or applies what it is
#   ready    exits 0 when it serves (`up` waits for it, `status` shows it)
#   stop     stops it and undoes what it changed on the machine
#   break    breaks it for a negative test (default: stop)
#   version  says which version runs
#   needs    the Debian packages it needs, and preflight what it needs of the
#            kernel (lib/prerequisites.sh checks both before anything is built)
# A verb a component does not define does nothing, but for stop (stop its
# recorded process) and ready (its recorded process runs).
# Adding a component: write components/<name>.sh and add its line here.
COMPONENTS=(
  control-plane        # etcd, kube-apiserver, controller-manager, scheduler; KWOK with two simulated nodes
  registry             # a local OCI registry the real node pulls the workload images from
  private-registry     # a registry that wants a login, as a team's does: Kaniko pushes there with a Secret's credentials
  images               # the workload images (sandbox/images/), built from Debian's packages, pushed to the registry
  coredns              # cluster DNS for the real node's pods
  containerd           # the real node's container runtime, with runc and a CNI bridge network
  kubelet              # the real node
  kube-proxy           # routes ClusterIP Services on the real node
  training-operator    # Kubeflow Training Operator v1: PyTorchJob, TFJob
  jobset               # JobSet, which Kubeflow Trainer v2 runs TrainJobs on
  trainer              # Kubeflow Trainer v2: TrainJob, ClusterTrainingRuntimes
  kserve               # KServe: InferenceService in RawDeployment mode, the sklearn runtime
  poddefault-webhook   # Kubeflow's PodDefault admission webhook
  notebook-controller  # Kubeflow's notebook controller
  profile-controller   # Kubeflow's profile controller: a Profile makes a user's namespace
  storage              # the default StorageClass and ReadWriteMany volumes
  katib                # Katib: Experiments; its controller, DB manager and MariaDB as pods (needs a volume, the trial kinds' CRDs)
  spark-operator       # the Kubeflow Spark Operator: SparkApplications; its controller and webhook as pods of the Spark image
  kubeflowinstaller    # our chart, installed with helm as the platform's release
)
# The components `sandbox:break -- stop|start` acts on (the others are the
# platform's ground, restarted as a whole by `up`).
BREAKABLE=(training-operator jobset trainer kserve poddefault-webhook notebook-controller profile-controller katib spark-operator registry private-registry coredns kubelet kube-proxy)

# The Kubeflow components among them: their versions are recorded on the namespace
# kubeflow, where the harness's report reads them, as the sandbox runs most of them
# as processes rather than Deployments.
KUBEFLOW_COMPONENTS=(training-operator trainer jobset kserve poddefault-webhook notebook-controller profile-controller katib spark-operator)

source "$SANDBOX_DIR/lib/go-build.sh"
source "$SANDBOX_DIR/lib/images.sh"
source "$SANDBOX_DIR/lib/prerequisites.sh"
for component_file in "$SANDBOX_DIR"/components/*.sh; do
  # shellcheck source=/dev/null
  source "$component_file"
done

# Runs a verb of a component, or the verb's default.
component() {
  local name=$1 verb=$2
  if declare -F "$name::$verb" >/dev/null; then "$name::$verb"; return; fi
  case $verb in
    stop) stop_daemon "$name" ;;
    ready) alive "$name" ;;
    break) component "$name" stop ;;
    fetch | build | install | uninstall | version | needs | preflight) : ;;
    *) die "component $name has no verb $verb." ;;
  esac
}

# Starts a component and waits until it is ready; a process of it that exits
# ends the wait at once.
start_component() {
  component "$1" start
  local log=$LOG_DIR/$1.log
  await "$1" "${2:-120}" "$log" ready_or_exited "$1"
}

ready_or_exited() {
  component "$1" ready && return 0
  local pid; pid=$(pid_of "$1")
  if [ -n "$pid" ] && ! running "$pid"; then
    tail -n 20 "$LOG_DIR/$1.log" >&2
    die "$1 exited as it started (log: $LOG_DIR/$1.log)." "Read the log above; 'npm run sandbox:down' then 'npm run sandbox:up' starts afresh."
  fi
  return 1
}

# Records on the namespace kubeflow which Kubeflow components the sandbox runs (not
# those removed with `sandbox:break -- remove`), with their versions.
record_kubeflow_components() {
  local name entries=()
  for name in "${KUBEFLOW_COMPONENTS[@]}"; do
    [ -f "$STATE_DIR/removed-$name" ] || entries+=("$name $(component "$name" version)")
  done
  kube annotate namespace kubeflow --overwrite >/dev/null \
    "sandbox.kubeflow-bdd.io/components=$(IFS=,; echo "${entries[*]}" | sed 's/,/, /g')"
}
