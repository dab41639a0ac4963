#!/usr/bin/env bash
# The harness must work on Node.js 20.19+, 22 and 24. npm test runs on the machine's
# Node.js; this runs the unit tests and two features against the sandbox on the other
# major versions, with the Node.js builds the npm registry carries as node-<os>-<arch>,
# cached by version outside the work tree.
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER_VERSIONS=(22.23.5 24.22.3)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/kubeflow-bdd/node
package=node-$(node -p 'process.platform + "-" + process.arch')

for version in "${OTHER_VERSIONS[@]}"; do
  prefix=$CACHE/$version
  node_bin=$prefix/node_modules/$package/bin/node
  if [ ! -x "$node_bin" ]; then
    echo "# installing Node.js $version ($package@$version from the npm registry) into $prefix"
    npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$prefix" "$package@$version" >/dev/null || {
      echo "not ok - could not install $package@$version from the npm registry. Fix: check that npm reaches its registry (npm ping)." >&2
      exit 1
    }
  fi
  echo "# Node.js $version: unit tests"
  "$node_bin" -r ./scripts/register-ts.js --test --test-reporter=dot test/unit/*.test.ts
  echo "# Node.js $version: the PyTorchJob and PodDefault features against the sandbox"
  reports=$(mktemp -d)
  PATH=$(dirname "$node_bin"):$PATH KUBEFLOW_BDD_REPORTS=$reports \
    "$node_bin" -r ./scripts/register-ts.js scripts/features.ts --sandbox --tags '@pytorchjob or @poddefault'
  rm -rf "$reports"
done
