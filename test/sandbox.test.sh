#!/usr/bin/env bash
# Checks that a running sandbox is the platform the harness needs.
source "$(dirname "$0")/../sandbox/lib/common.sh"
source "$SANDBOX_DIR/components.sh"
fail() { echo "not ok - $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

version=$(kube version -o json | sed -n 's/.*"gitVersion": "\(v1\.[0-9]*\.[0-9]*\)".*/\1/p' | tail -1)
[[ $version =~ ^v1\.[0-9]+\.[0-9]+$ ]] && ok "server version $version" || fail "server version is '$version'"
ready=$(kube get nodes --no-headers | awk '$2=="Ready"' | wc -l)
(( ready >= 3 )) && ok "$ready nodes Ready" || fail "only $ready nodes Ready"
[ "$(kube get node "$REAL_NODE_NAME" -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}')" = "containerd://${CONTAINERD_VERSION#v}" ] \
  && ok "the real node runs containerd $CONTAINERD_VERSION" || fail "the real node $REAL_NODE_NAME does not report containerd $CONTAINERD_VERSION"
for image in $(image_names); do
  image_pushed "$image" && ok "the registry holds $(image_ref "$image")" || fail "the registry lacks $(image_ref "$image")"
done
kube wait --for=condition=Established --timeout=10s crd/pytorchjobs.kubeflow.org crd/tfjobs.kubeflow.org \
  crd/trainjobs.trainer.kubeflow.org crd/clustertrainingruntimes.trainer.kubeflow.org crd/jobsets.jobset.x-k8s.io \
  crd/poddefaults.kubeflow.org crd/notebooks.kubeflow.org >/dev/null && ok "CRDs Established" || fail "CRDs not Established"
"$(bin helm "$HELM_VERSION")" --kubeconfig "$SANDBOX_KUBECONFIG" list -n kubeflow-installer | grep -q 'kubeflowinstaller.*deployed' \
  && ok "release kubeflowinstaller deployed" || fail "release kubeflowinstaller not deployed"
bash "$SANDBOX_DIR/status.sh" >/dev/null && ok "every sandbox process runs" || fail "a sandbox process is stopped"

ns=kubeflow-bdd-sandbox-test-$$
trap 'kube delete namespace "$ns" --wait=false >/dev/null 2>&1 || true' EXIT
kube create namespace "$ns" >/dev/null
kube label namespace "$ns" app.kubernetes.io/part-of=kubeflow-profile >/dev/null
kube wait --for=create serviceaccount/default -n "$ns" --timeout=30s >/dev/null

# A real pod: a program runs on the real node, resolves a name through cluster DNS,
# and what it computed is in its log.
kube run -n "$ns" real-pod --image "$(image_ref shell)" --restart Never --command -- \
  sh -c 'nslookup kubernetes.default.svc.cluster.local >/dev/null && echo "sum=$((20 + 22))"' >/dev/null
kube wait -n "$ns" pod/real-pod --for=jsonpath='{.status.phase}'=Succeeded --timeout=120s >/dev/null \
  && ok "a pod ran to completion on the real node" || fail "the pod did not succeed: $(kube get pod -n "$ns" real-pod -o jsonpath='{.status}')"
[ "$(kube get pod -n "$ns" real-pod -o jsonpath='{.spec.nodeName}')" = "$REAL_NODE_NAME" ] && ok "it ran on $REAL_NODE_NAME" || fail "it ran elsewhere"
[ "$(kube logs -n "$ns" real-pod)" = "sum=42" ] && ok "its log holds what it computed, after a cluster DNS lookup" || fail "its log: $(kube logs -n "$ns" real-pod)"
# The kubernetes Service's virtual IP reaches the API server (kube-proxy routes it): the
# answer is the API server's, over TLS its CA signed, to the pod's own token. (A bare
# TCP connection proves nothing: a proxy on the machine's network may accept any.)
kube run -n "$ns" service-pod --image "$(image_ref pytorch-mnist)" --restart Never --command -- python3 -c '
import json, ssl, urllib.request
account = "/var/run/secrets/kubernetes.io/serviceaccount/"
request = urllib.request.Request("https://kubernetes.default.svc/version", headers={"Authorization": "Bearer " + open(account + "token").read()})
print(json.load(urllib.request.urlopen(request, context=ssl.create_default_context(cafile=account + "ca.crt"), timeout=10))["gitVersion"])' >/dev/null
kube wait -n "$ns" pod/service-pod --for=jsonpath='{.status.phase}'=Succeeded --timeout=120s >/dev/null
[ "$(kube logs -n "$ns" service-pod)" = "$version" ] && ok "a pod reaches the API server through the kubernetes Service (ClusterIP)" \
  || fail "a pod did not reach the API server through the kubernetes Service: $(kube logs -n "$ns" service-pod | tail -n 3)"
# A pod whose image the sandbox did not build goes to a simulated node.
kube run -n "$ns" simulated-pod --image kubeflow-bdd.invalid/any:sandbox --restart Never >/dev/null
[ "$(kube get pod -n "$ns" simulated-pod -o jsonpath='{.spec.nodeSelector.type}')" = kwok ] \
  && ok "a pod of an image from elsewhere is sent to the simulated nodes" || fail "a pod of an image from elsewhere was not sent to the simulated nodes"

sed -e 's/${workers}/1/' -e "s#\${image}#$(image_ref pytorch-mnist)#" \
  "$REPO_DIR/manifests/pytorchjob/mnist-gloo.yaml" | kube apply -n "$ns" -f - >/dev/null
kube wait -n "$ns" pytorchjob/pytorch-dist-mnist-gloo --for=condition=Succeeded --timeout=300s >/dev/null \
  && ok "PyTorchJob Succeeded through the training operator" || fail "PyTorchJob did not succeed"
for pod in master-0 worker-0; do
  # The job succeeds with its master; a worker may take a moment more to finish.
  kube wait -n "$ns" "pod/pytorch-dist-mnist-gloo-$pod" --for=jsonpath='{.status.phase}'=Succeeded --timeout=60s >/dev/null || true
  [ "$(kube get pod -n "$ns" "pytorch-dist-mnist-gloo-$pod" -o jsonpath='{.status.phase}/{.spec.nodeName}')" = "Succeeded/$REAL_NODE_NAME" ] \
    && ok "pod $pod Succeeded on the real node" || fail "pod $pod not Succeeded on the real node"
done
accuracy=$(kube logs -n "$ns" pytorch-dist-mnist-gloo-master-0 | grep -o 'metricName: accuracy, metricValue: [0-9.]*')
[[ $accuracy == *"metricValue: 0."[89]* ]] && ok "the master trained: $accuracy" \
  || fail "the master log has no accuracy of 0.8 or more: $(kube logs -n "$ns" pytorch-dist-mnist-gloo-master-0 | tail -n 5)"

sed -e 's/${nodes}/2/' -e 's/${runtime}/torch-distributed/' -e "s#\${image}#$(image_ref pytorch-mnist)#" \
  "$REPO_DIR/manifests/trainjob/mnist.yaml" | kube apply -n "$ns" -f - >/dev/null
kube wait -n "$ns" trainjob/pytorch-mnist --for=condition=Complete --timeout=300s >/dev/null \
  && ok "TrainJob Complete through Kubeflow Trainer and JobSet" || fail "TrainJob did not complete: $(kube get trainjob -n "$ns" pytorch-mnist -o jsonpath='{.status}')"
node0=$(kube get pod -n "$ns" -l jobset.sigs.k8s.io/jobset-name=pytorch-mnist,batch.kubernetes.io/job-completion-index=0 -o name)
# Read whole first: grep -q would stop reading early, and pipefail count the writer's broken pipe.
log0=$(kube logs -n "$ns" "$node0")
grep -q 'world_size=2' <<<"$log0" && ok "its two nodes trained together" || fail "node 0 did not join a world of 2: $(head -n 3 <<<"$log0")"

# Katib: a random search of two trials as Kubeflow's CI runs it, on the real node; the
# injected metrics collector reports each trial's loss, and the suggestion service
# goes once the search ends.
kube label namespace "$ns" katib.kubeflow.org/metrics-collector-injection=enabled >/dev/null
sed -e "s#\${image}#$(image_ref pytorch-mnist)#" "$REPO_DIR/manifests/katib/random.yaml" | kube apply -n "$ns" -f - >/dev/null
kube wait -n "$ns" experiment/random --for=condition=Succeeded --timeout=300s >/dev/null \
  && ok "Katib Experiment Succeeded" || fail "the Experiment did not succeed: $(kube get experiment -n "$ns" random -o jsonpath='{.status.conditions}')"
outcome=$(kube get experiment -n "$ns" random -o jsonpath='{.status.trialsSucceeded} {.status.conditions[?(@.type=="Succeeded")].reason} {.status.currentOptimalTrial.observation.metrics[?(@.name=="loss")].latest}')
[[ $outcome =~ ^2\ ExperimentMaxTrialsReached\ [0-9]+\.[0-9]+$ ]] && ok "both trials succeeded, the best with its loss: $outcome" \
  || fail "trials succeeded, reason, best loss: $outcome"
kube wait -n "$ns" deployment/random-random service/random-random --for=delete --timeout=60s >/dev/null \
  && ok "the suggestion service is gone" || fail "the suggestion's Deployment or Service is still there"

# A platform of one training generation, and back.
bash "$SANDBOX_DIR/break.sh" remove training-operator >/dev/null
! kube get crd pytorchjobs.kubeflow.org >/dev/null 2>&1 && ok "remove training-operator deletes the v1 CRDs" || fail "the v1 CRDs are still there"
bash "$SANDBOX_DIR/break.sh" start training-operator >/dev/null
kube wait --for=condition=Established --timeout=10s crd/pytorchjobs.kubeflow.org >/dev/null && ok "start training-operator installs them again" || fail "the v1 CRDs did not come back"

kube apply -n "$ns" -f - >/dev/null <<'YAML'
apiVersion: kubeflow.org/v1alpha1
kind: PodDefault
metadata: {name: sandbox-check}
spec:
  selector: {matchLabels: {sandbox-check: "true"}}
  desc: sandbox check
  env: [{name: POD_DEFAULT, value: Testing is enabled}]
---
apiVersion: v1
kind: Pod
metadata: {name: with-label, labels: {sandbox-check: "true"}}
spec: {containers: [{name: main, image: kubeflow-bdd.invalid/any:sandbox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: without-label}
spec: {containers: [{name: main, image: kubeflow-bdd.invalid/any:sandbox}]}
YAML
[[ $(kube get pod -n "$ns" with-label -o jsonpath='{.spec.containers[0].env}') == *'Testing is enabled'* ]] \
  && ok "PodDefault injected into the labelled pod" || fail "PodDefault not injected"
[ -z "$(kube get pod -n "$ns" without-label -o jsonpath='{.spec.containers[0].env}')" ] \
  && ok "pod without the label untouched" || fail "pod without the label was mutated"
