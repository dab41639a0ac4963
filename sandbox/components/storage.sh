# The default StorageClass and pre-made ReadWriteMany volumes (directories of the
# real node), scrubbed and made available again by the controller-manager when
# their claims are deleted (cluster/volume-recycler.yaml).

storage::version() { echo "${KUBEFLOW_BDD_SANDBOX_VOLUMES:-12} hostPath volumes"; }

storage::start() {
  kube apply -f "$SANDBOX_DIR/cluster/storage.yaml" >/dev/null
  local i
  for i in $(seq -w 1 "${KUBEFLOW_BDD_SANDBOX_VOLUMES:-12}"); do
    # Writable by every user, as local-path provisioners make their volumes: pods
    # that run unprivileged (a notebook as jovyan) write to them too, and a hostPath
    # volume knows no fsGroup.
    mkdir -p "$STATE_DIR/volumes/$i" && chmod 0777 "$STATE_DIR/volumes/$i"
    cat <<PV
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: kubeflow-bdd-sandbox-$i
spec:
  storageClassName: kubeflow-bdd-sandbox
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce, ReadOnlyMany, ReadWriteMany]
  persistentVolumeReclaimPolicy: Recycle
  hostPath: {path: $STATE_DIR/volumes/$i, type: DirectoryOrCreate}
PV
  done | kube apply -f - >/dev/null
}

storage::ready() { kube get storageclass kubeflow-bdd-sandbox >/dev/null 2>&1; }
storage::stop() { :; }
