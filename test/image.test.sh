#!/usr/bin/env bash
# The harness image the sandbox builds (sandbox/images/harness/) against the
# Dockerfile users build: the same files at the same paths, the same production
# dependencies, the same Node.js and helm, user, directory, environment and entry point.
source "$(dirname "$0")/../sandbox/lib/common.sh"
source "$SANDBOX_DIR/components.sh"
fail() { echo "not ok - $*" >&2; exit 1; }
ok() { echo "ok - $*"; }
dockerfile=$PROJECT_DIR/Dockerfile
load_recipe harness
app=${NODE_PROJECT#/}
# The image as the project is now (a running sandbox may hold an older one).
bash "$SANDBOX_DIR/image.sh" harness >/dev/null || fail "could not build and push the harness image"
layer=$(files_layer harness)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# Each COPY puts a path of the repository at the same path under WORKDIR.
while read -r _ sources; do
  dest=${sources##* }; sources=${sources% *}
  for source in $sources; do
    [ "$dest" = ./ ] && [[ $source != */* ]] || [ "$dest" = "$source" ] || fail "COPY $source $dest: the sandbox's build copies each path to the same path"
  done
done < <(grep -E '^COPY [^-]' "$dockerfile")
[ "$(awk '$1 == "WORKDIR" {print $2}' "$dockerfile")" = "$NODE_PROJECT" ] && ok "WORKDIR is the recipe's NODE_PROJECT $NODE_PROJECT" || fail "WORKDIR differs from NODE_PROJECT"

# The project's files: what the Dockerfile's COPY lines name, file for file.
(cd "$PROJECT_DIR" && project_sources | xargs -I{} find {} -type f | sort) >"$work/dockerfile.files"
tar -tzf "$layer" | sed -n "s|^\./$app/||p" | grep -v -e '^node_modules/' -e '/$' -e '^$' | sort >"$work/image.files"
diff "$work/dockerfile.files" "$work/image.files" >"$work/files.diff" && ok "the image holds the $(wc -l <"$work/image.files") project files the Dockerfile copies, and no others" \
  || fail "the image's project files differ from the Dockerfile's (< Dockerfile, > image):
$(head -20 "$work/files.diff")"

# The production dependencies: npm ci --omit=dev in both.
# npm ls exits non-zero on an extraneous package; the comparison below names what differs.
(cd "$PROJECT_DIR" && { npm ls --omit=dev --all --parseable 2>/dev/null || true; } | sed "s|^$PROJECT_DIR/\{0,1\}||" | grep '^node_modules/' | sort -u) >"$work/npm.packages"
tar -tzf "$layer" | sed -n "s|^\./$app/\(.*node_modules/\(@[^/]*/\)\{0,1\}[^/@]*\)/package\.json\$|\1|p" | grep -v '/node_modules/[^/]*/node_modules/\.bin' | sort -u >"$work/image.packages"
comm -23 "$work/npm.packages" "$work/image.packages" >"$work/missing"
[ ! -s "$work/missing" ] && ok "the image holds all $(wc -l <"$work/npm.packages") production packages of package-lock.json" || fail "the image lacks: $(head -5 "$work/missing" | tr '\n' ' ')"
grep -qx 'node_modules/playwright-core' "$work/image.packages" && fail "the image holds a development dependency (playwright-core)" || ok "and no development dependency"

# Node.js and helm: the Dockerfile's base and helm image name the recipe's versions.
grep -q "^FROM docker.io/library/node:$NODE_VERSION-$DEBIAN_SUITE-slim\$" "$dockerfile" && ok "Node.js $NODE_VERSION on Debian $DEBIAN_SUITE in both" || fail "the Dockerfile's FROM is not node:$NODE_VERSION-$DEBIAN_SUITE-slim"
grep -q "^COPY --from=docker.io/alpine/helm:${HELM_VERSION#v} .* $HELM_PATH\$" "$dockerfile" && ok "helm $HELM_VERSION at $HELM_PATH in both" || fail "the Dockerfile's helm is not ${HELM_VERSION#v} at $HELM_PATH"

# User, environment and entry point, from the pushed image's configuration.
config=$(crane_run config "$(image_ref harness)") || fail "the registry lacks $(image_ref harness)"
json() { python3 -c "import json, sys; c = json.load(sys.stdin)['config']; print(json.dumps($1))" <<<"$config"; }
[ "$(json "c['User']")" = "\"$(awk '$1 == "USER" {print $2}' "$dockerfile")\"" ] && ok "user $(json "c['User']")" || fail "user $(json "c['User']") differs from the Dockerfile's USER"
[ "$(json "c['WorkingDir']")" = "\"$NODE_PROJECT\"" ] && ok "working directory $NODE_PROJECT" || fail "working directory $(json "c['WorkingDir']")"
[ "$(json "c['Entrypoint']")" = "$(sed -n 's/^ENTRYPOINT //p' "$dockerfile" | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)))')" ] \
  && ok "entry point $(json "c['Entrypoint']")" || fail "entry point $(json "c['Entrypoint']") differs from the Dockerfile's"
for variable in $(sed -n 's/^ENV //p' "$dockerfile"); do
  json "c['Env']" | grep -q "\"$variable\"" || fail "the image lacks ENV $variable"
done
ok "the Dockerfile's environment: $(sed -n 's/^ENV //p' "$dockerfile")"
