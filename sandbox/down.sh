#!/usr/bin/env bash
# Stops every component of the sandbox, in the reverse order of `up`, undoes what
# the real node changed on this machine and removes the sandbox's state. Safe to
# run when nothing is running.
source "$(dirname "$0")/lib/common.sh"
source "$SANDBOX_DIR/components.sh"

for (( i = ${#COMPONENTS[@]} - 1; i >= 0; i-- )); do
  name=${COMPONENTS[i]}
  component "$name" ready 2>/dev/null && say "stopping $name"
  component "$name" stop
done
rm -rf "$STATE_DIR"
wait_closed() { local host=$1 port=$2
  for _ in $(seq 20); do port_in_use "$port" "$host" || return 0; sleep 0.25; done # a stopped server may take a moment to close
  say "warning: port $port on $host is still in use by a process the sandbox did not record (see: ss -ltnp 'sport = :$port')"
}
for port in "${SANDBOX_PORTS[@]}"; do wait_closed 127.0.0.1 "$port"; done
for port in "${NODE_PORTS[@]}"; do wait_closed "$NODE_IP" "$port"; done
say "the sandbox is down"
