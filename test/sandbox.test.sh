#!/usr/bin/env bash
# Checks that a running sandbox is the platform the harness needs.
source "$(dirname "$0")/../sandbox/lib.sh"
fail() { echo "not ok - $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

version=$(kube version -o json | sed -n 's/.*"gitVersion": "\(v1\.[0-9]*\.[0-9]*\)".*/\1/p' | tail -1)
[[ $version =~ ^v1\.[0-9]+\.[0-9]+$ ]] && ok "server version $version" || fail "server version is '$version'"
ready=$(kube get nodes --no-headers | awk '$2=="Ready"' | wc -l)
(( ready >= 2 )) && ok "$ready nodes Ready" || fail "only $ready nodes Ready"
kube wait --for=condition=Established --timeout=10s crd/pytorchjobs.kubeflow.org crd/tfjobs.kubeflow.org \
  crd/poddefaults.kubeflow.org crd/notebooks.kubeflow.org >/dev/null && ok "CRDs Established" || fail "CRDs not Established"
"$(bin helm "$HELM_VERSION")" --kubeconfig "$SANDBOX_KUBECONFIG" list -n kubeflow-installer | grep -q 'kubeflowinstaller.*deployed' \
  && ok "release kubeflowinstaller deployed" || fail "release kubeflowinstaller not deployed"
bash "$SANDBOX_DIR/status.sh" >/dev/null && ok "every sandbox process runs" || fail "a sandbox process is stopped"

ns=kubeflow-bdd-sandbox-test-$$
trap 'kube delete namespace "$ns" --wait=false >/dev/null 2>&1 || true' EXIT
kube create namespace "$ns" >/dev/null
kube label namespace "$ns" app.kubernetes.io/part-of=kubeflow-profile >/dev/null
kube wait --for=create serviceaccount/default -n "$ns" --timeout=30s >/dev/null

sed -e 's/${workers}/1/' -e 's#${image}#kubeflow-bdd.invalid/pytorch-mnist:sandbox#' \
  "$REPO_DIR/manifests/pytorchjob/mnist-gloo.yaml" | kube apply -n "$ns" -f - >/dev/null
kube wait -n "$ns" pytorchjob/pytorch-dist-mnist-gloo --for=condition=Succeeded --timeout=120s >/dev/null \
  && ok "PyTorchJob Succeeded through the training operator" || fail "PyTorchJob did not succeed"
for pod in master-0 worker-0; do
  [ "$(kube get pod -n "$ns" "pytorch-dist-mnist-gloo-$pod" -o jsonpath='{.status.phase}')" = Succeeded ] \
    && ok "pod $pod Succeeded" || fail "pod $pod not Succeeded"
done
kube logs -n "$ns" pytorch-dist-mnist-gloo-master-0 | grep -q '^accuracy=' && ok "master log readable" || fail "master log has no accuracy line"

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
