# What the sandbox needs of this machine, checked in its first seconds rather than
# found missing one at a time after minutes of building. Sourced, not run.
#
# Each component names what it needs with two optional verbs:
#   needs      lines of "<Debian package> <probe> <why>": the probe is a command on
#              PATH, an absolute path, or python3:<module>, and shows the package is there
#   preflight  lines of "<problem>|<fix>" for what no package gives (kernel features)
# Missing Debian packages are installed with apt-get where that is possible (root on
# Debian or Ubuntu, as the sandbox runs), saying which and why; anywhere else, every
# missing piece is listed at once with the command that installs it.

# What every part of the sandbox uses, beyond what a component names.
sandbox_needs() {
  echo "openssl openssl makes the sandbox's certificates"
  echo "curl curl asks the registry and the module proxy"
  echo "iproute2 ip finds the node's address and sets up pod networking"
  echo "iproute2 ss finds ports that are in use"
  echo "procps ps tells the sandbox's processes from exited ones"
  echo "procps sysctl records the kernel settings the node changes, to put them back"
}

# Extra packages the project's own tests need, for `--tests`.
test_needs() {
  echo "chromium chromium reads the HTML reports as a browser shows them (npm test)"
  echo "python3-venv python3:ensurepip holds the bench's Kubeflow SDKs (npm test)"
}

probe_ok() {
  case $1 in
    python3:*) python3 -c "import ${1#python3:}" >/dev/null 2>&1 ;;
    /*) [ -e "$1" ] ;;
    *) command -v "$1" >/dev/null ;;
  esac
}

# Where apt-get can install what is missing: root, on Debian or a distribution made from it.
can_install_packages() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ -r /etc/os-release ] \
    && grep -qE '^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b' /etc/os-release
}

# Lines "<package> <why>" of every missing package, one line a package.
missing_packages() {
  local name package probe why
  { sandbox_needs
    for name in "${COMPONENTS[@]}"; do component "$name" needs; done
    [ "${1:-}" = --tests ] && test_needs
  } | while read -r package probe why; do
    probe_ok "$probe" || echo "$package $why"
  done | awk '!seen[$1]++'
}

install_packages() {
  say "installing them with apt-get (a minute or two)"
  local log; log=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2; rm -f "$log"; return 1
  fi
  rm -f "$log"
}

# Checks everything at once; installs missing packages where it can, then names
# every problem left with its fix and exits 1. `up` adds what only a start needs:
# root, the kernel, free ports.
check_prerequisites() {
  local mode=$1 extra=${2:-} problems=() lines=() line package why packages=() reasons=()
  mapfile -t lines < <(missing_packages "$extra")
  for line in "${lines[@]}"; do
    package=${line%% *} why=${line#* }
    packages+=("$package") reasons+=("  $package: $why")
  done
  if [ ${#packages[@]} -gt 0 ]; then
    if can_install_packages; then
      say "missing Debian packages the sandbox needs:"
      for line in "${reasons[@]}"; do say "$line"; done
      install_packages "${packages[@]}" || problems+=("apt-get could not install ${packages[*]}|Read apt-get's message above; check /etc/apt/sources.list and that Debian's mirror is reachable.")
      mapfile -t lines < <(missing_packages "$extra")
      [ ${#lines[@]} -eq 0 ] || [ ${#problems[@]} -gt 0 ] \
        || problems+=("after apt-get, still missing: $(printf '%s; ' "${lines[@]}")|Install them by hand.")
    else
      problems+=("missing Debian packages:
$(printf '%s\n' "${reasons[@]}")|apt-get install ${packages[*]}   (as root; on other distributions, their packages of the same names)")
    fi
  fi
  local go_problem; go_problem=$(go_version_problem) || problems+=("$go_problem")
  if [ "$mode" = up ]; then
    [ "$(id -u)" = 0 ] || problems+=("the sandbox's real node needs root (it runs containers, mounts and sets up a network).|Run as root.")
    [ -n "$NODE_IP" ] || problems+=("could not find this machine's address (no default route).|Set KUBEFLOW_BDD_SANDBOX_NODE_IP to an address of this machine.")
    local name
    for name in "${COMPONENTS[@]}"; do
      mapfile -t lines < <(component "$name" preflight)
      problems+=("${lines[@]}")
    done
    for port in "${SANDBOX_PORTS[@]}"; do
      port_in_use "$port" && problems+=("port $port on 127.0.0.1 is in use by another program; the sandbox needs it.|Stop that program (see: ss -ltnp 'sport = :$port'), or for the API server port set KUBEFLOW_BDD_SANDBOX_PORT to a free port.")
    done
    for port in "${NODE_PORTS[@]}"; do
      [ -n "$NODE_IP" ] && port_in_use "$port" "$NODE_IP" && problems+=("port $port on $NODE_IP is in use by another program; the sandbox's real node needs it.|Stop that program (see: ss -ltnp 'sport = :$port').")
    done
  fi
  mapfile -t lines < <(disk_problems)
  problems+=("${lines[@]}")
  [ ${#problems[@]} -eq 0 ] && return 0
  for line in "${problems[@]}"; do
    printf '[sandbox] error: %s\n' "${line%%|*}" >&2
    printf '[sandbox] fix: %s\n' "${line#*|}" >&2
  done
  exit 1
}

# Disk for what is still to build: the images' layers, the registry's copy and the
# node's unpacked images under the cache; Go's module and build caches.
disk_problems() {
  local name layer images_missing=0 binaries_missing=0
  for name in $(image_names); do
    for layer in $(image_layers "$name"); do [ -f "$layer" ] || images_missing=1; done
  done
  [ -d "$BIN_DIR" ] && [ -n "$(ls -A "$BIN_DIR" 2>/dev/null)" ] || binaries_missing=1
  if (( images_missing )); then
    free_gb_problem "$CACHE_DIR" 12 "building the sandbox's images" \
      "Free disk space there, or set KUBEFLOW_BDD_CACHE to a folder on a larger disk."
  fi
  if (( binaries_missing )) && command -v go >/dev/null; then
    free_gb_problem "$(go env GOCACHE)" 12 "Go's module and build caches while the sandbox's binaries build" \
      "Free disk space there, or set GOCACHE and GOMODCACHE to folders on a larger disk."
  fi
}

free_gb_problem() {
  local dir=$1 need=$2 what=$3 fix=$4 existing=$1 free_gb
  until [ -d "$existing" ]; do existing=$(dirname "$existing"); done
  free_gb=$(df -Pk "$existing" | awk 'NR == 2 {print int($4 / 1048576)}')
  (( free_gb >= need )) || echo "only ${free_gb} GB free under $dir; $what needs about $need GB.|$fix"
}
