#!/usr/bin/env bash
# Builds a Go program the bench compares against, with the sandbox's Go build (a
# wrapper module per program and version, from the Go module proxy, cached beside
# the sandbox's binaries), and prints the binary's path.
# Usage: bench/build-peer.sh chainsaw
source "$(dirname "$0")/../sandbox/lib/common.sh"
source "$SANDBOX_DIR/lib/go-build.sh"
require_go
# chainsaw's own assert command (its package pkg/commands/assert) in a main of ours:
# the module's main does not compile with Go 1.26, as its test runner implements an
# older Go's testing interface, and the bench needs only the assert.
build_chainsaw_assert() {
  have "chainsaw-assert-$CHAINSAW_VERSION" && return
  say "chainsaw $CHAINSAW_VERSION: building its assert command"
  local dir; dir=$(wrapper_module "chainsaw-assert-$CHAINSAW_VERSION")
  printf 'require github.com/kyverno/chainsaw %s\n' "$CHAINSAW_VERSION" >>"$dir/go.mod"
  cat >"$dir/main.go" <<'GO'
package main

import (
	"os"

	"github.com/kyverno/chainsaw/pkg/commands/assert"
)

func main() {
	if err := assert.Command().Execute(); err != nil {
		os.Exit(1)
	}
}
GO
  go_build_into "$dir" chainsaw-assert "$CHAINSAW_VERSION" . -ldflags '-s -w'
}

case ${1:-} in
  chainsaw) build_chainsaw_assert >&2
    bin chainsaw-assert "$CHAINSAW_VERSION" ;;
  *) die "no Go peer '${1:-}'." "Name one of: chainsaw" ;;
esac
