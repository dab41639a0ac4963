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
