# containerd 2, the real node's container runtime, with Debian's runc and CNI
# plugins: a bridge network for pods, images pulled from the sandbox's registry.
# Its images and their unpacked layers stay in the cache between runs (the
# training image alone unpacks to 2 GB); its runtime state lives in .sandbox/.
# Stopping it kills the node's containers and undoes what they changed on the
# host (mounts, cgroups, the bridge, NAT rules).

CNI_BIN_DIR=/usr/lib/cni
CNI_BRIDGE=kfbdd0
CONTAINERD_DIR=$STATE_DIR/containerd

containerd::version() { echo "containerd $CONTAINERD_VERSION, $(runc --version 2>/dev/null | head -n 1)"; }

containerd::build() {
  local v=$CONTAINERD_VERSION bin
  local bins=(containerd ctr containerd-shim-runc-v2) missing=()
  for bin in "${bins[@]}"; do have "$bin-$v" || missing+=("$bin"); done
  [ ${#missing[@]} -eq 0 ] && return
  say "containerd $v: building ${missing[*]}"
  local dir; dir=$(wrapper_module "containerd-$v")
  printf 'require github.com/containerd/containerd/v2 %s\n' "$v" >>"$dir/go.mod"
  for bin in "${missing[@]}"; do
    CGO_ENABLED=0 go_build_into "$dir" "$bin" "$v" "github.com/containerd/containerd/v2/cmd/$bin" \
      -tags 'no_btrfs no_devmapper no_zfs' -ldflags "-s -w -X github.com/containerd/containerd/v2/version.Version=$v"
  done
}

# What the real node needs of this machine: Debian's packages, and of the kernel
# (see lib/prerequisites.sh).
containerd::needs() {
  echo "runc runc the real node runs containers with it"
  local plugin
  for plugin in bridge host-local loopback portmap; do
    echo "containernetworking-plugins $CNI_BIN_DIR/$plugin the CNI plugin $plugin connects pods to the node's network"
  done
  echo "iptables iptables pod networking (NAT and port maps) needs it"
}

containerd::preflight() {
  grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || grep -qw overlay /proc/filesystems \
    || echo "the kernel has no overlay file system; containerd's snapshotter needs it.|Load the module (modprobe overlay) or use a kernel built with CONFIG_OVERLAY_FS."
  [ -d /sys/fs/cgroup/memory ] || [ -f /sys/fs/cgroup/cgroup.controllers ] \
    || echo "no cgroup file system is mounted at /sys/fs/cgroup; the kubelet cannot limit pods.|Mount cgroups (v1 hierarchies or cgroup2) at /sys/fs/cgroup."
  [ -e /proc/self/ns/net ] && [ -e /proc/self/ns/pid ] \
    || echo "the kernel lacks network or PID namespaces; containers need them.|Use a kernel with CONFIG_NET_NS and CONFIG_PID_NS."
  { ip link add kfbdd-probe type bridge && ip link del kfbdd-probe; } 2>/dev/null \
    || echo "this machine cannot make a bridge interface; pod networking needs one.|Load the bridge module (modprobe bridge) and run as root."
}

containerd::start() {
  mkdir -p "$CONTAINERD_DIR/certs.d/$REGISTRY" "$STATE_DIR/cni/net.d" "$STATE_DIR/bin"
  local bin
  for bin in containerd ctr containerd-shim-runc-v2; do ln -sf "$(bin "$bin" "$CONTAINERD_VERSION")" "$STATE_DIR/bin/$bin"; done
  save_sysctls net.ipv4.ip_forward
  cat >"$CONTAINERD_DIR/config.toml" <<TOML
version = 3
root = "$CACHE_DIR/containerd"
state = "$CONTAINERD_DIR/state"
[grpc]
  address = "$CONTAINERD_SOCKET"
[plugins.'io.containerd.cri.v1.images']
  snapshotter = "overlayfs"
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = "$(image_ref pause)"
  [plugins.'io.containerd.cri.v1.images'.registry]
    config_path = "$CONTAINERD_DIR/certs.d"
[plugins.'io.containerd.cri.v1.runtime']
  # Root here may not lower its own OOM score (no CAP_SYS_RESOURCE); without this
  # every pod sandbox fails to start.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ["$CNI_BIN_DIR"]
    conf_dir = "$STATE_DIR/cni/net.d"
  [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
    BinaryName = "$(command -v runc)"
    SystemdCgroup = false
TOML
  # The registry speaks plain HTTP.
  printf 'server = "http://%s"\n\n[host."http://%s"]\n  capabilities = ["pull", "resolve", "push"]\n' \
    "$REGISTRY" "$REGISTRY" >"$CONTAINERD_DIR/certs.d/$REGISTRY/hosts.toml"
  cat >"$STATE_DIR/cni/net.d/10-kubeflow-bdd.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "kubeflow-bdd",
  "plugins": [
    {"type": "bridge", "bridge": "$CNI_BRIDGE", "isGateway": true, "ipMasq": true, "hairpinMode": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_SUBNET"}]], "dataDir": "$STATE_DIR/cni/ipam",
              "routes": [{"dst": "0.0.0.0/0"}]}},
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
JSON
  start_runtime
  # Containers of an earlier run (one that crashed, or was killed) are still in the
  # cached metadata: remove them, and start afresh so no stale record remains.
  local leftovers; leftovers=$(ctr_run -n k8s.io containers ls -q 2>/dev/null)
  if [ -n "$leftovers" ]; then
    # shellcheck disable=SC2086 # one argument per container id
    ctr_run -n k8s.io containers rm $leftovers >/dev/null 2>&1 || true
    stop_daemon containerd
    start_runtime
  fi
  prune_node_images
}

# Each edited recipe is a new image; without this the cache would keep every
# earlier one unpacked (gigabytes each). The node knows an image by its tags, its
# repository digest and its ID (sha256:...); all three go, unless they name the
# content of an image in use. containerd frees the layers itself.
prune_node_images() {
  local wanted=() name ref stale
  for name in $(image_names); do wanted+=("$(image_ref "$name")"); done
  local images; images=$(ctr_run -n k8s.io images ls 2>/dev/null | awk 'NR > 1 {print $1, $3}')
  local keep_digests; keep_digests=$(awk -v refs=" ${wanted[*]} " 'index(refs, " " $1 " ") {print $2}' <<<"$images")
  stale=$(awk -v refs=" ${wanted[*]} " -v keep="$keep_digests" '
    ($1 ~ /\/kubeflow-bdd\// || $1 ~ /^sha256:/) && !index(refs, " " $1 " ") && !index(keep, $2) {print $1}' <<<"$images")
  [ -z "$stale" ] && return
  say "containerd: removing $(wc -l <<<"$stale") image reference(s) no recipe builds any more"
  # shellcheck disable=SC2086 # one argument per reference
  ctr_run -n k8s.io images rm --sync $stale >/dev/null 2>&1 || true
}

start_runtime() {
  PATH=$STATE_DIR/bin:$PATH start_daemon containerd "$STATE_DIR/bin/containerd" --config "$CONTAINERD_DIR/config.toml"
  await "containerd" 60 "$LOG_DIR/containerd.log" containerd::ready
}

ctr_run() { "$STATE_DIR/bin/ctr" --address "$CONTAINERD_SOCKET" "$@"; }

containerd::ready() { alive containerd && ctr_run version >/dev/null 2>&1; }

# Kills every container of the node: the processes in the pods' cgroups, then the shims.
kill_node_containers() {
  local procs
  for procs in $(find /sys/fs/cgroup/*/kubepods* -name cgroup.procs 2>/dev/null); do
    { xargs -r kill -KILL <"$procs"; } 2>/dev/null || true # a cgroup may be gone by now
  done
  # The shim binary carries its version in its name (containerd-shim-runc-v2-<version>).
  pkill -KILL -f "containerd-shim-runc-v2[^ ]* .*-address $CONTAINERD_SOCKET" 2>/dev/null || true
}

containerd::stop() {
  kill_node_containers
  stop_daemon containerd
  # Mounts under the state directory (container root file systems, network
  # namespaces, volumes), innermost first.
  local mounts
  mounts=$(awk -v dir="$STATE_DIR/" 'index($2, dir) == 1 {print $2}' /proc/mounts | sort -r)
  [ -n "$mounts" ] && xargs -r umount -l <<<"$mounts" 2>/dev/null || true
  # The pods' cgroups, deepest first.
  find /sys/fs/cgroup/*/kubepods* -depth -type d -exec rmdir {} + 2>/dev/null || true
  ip link del "$CNI_BRIDGE" 2>/dev/null || true
  # NAT rules the bridge plugin made for pods whose networks were never torn down.
  local chain
  for chain in $(iptables -t nat -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^CNI-/ {print $2}'); do
    iptables -t nat -S POSTROUTING | awk -v c="$chain" '$0 ~ "-j " c "( |$)" {sub(/^-A/, "-D"); print}' \
      | while read -r rule; do eval "iptables -t nat $rule"; done
    iptables -t nat -F "$chain" 2>/dev/null; iptables -t nat -X "$chain" 2>/dev/null
  done
  restore_sysctls
}
