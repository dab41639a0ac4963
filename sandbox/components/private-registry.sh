# A registry that wants a login, as a team's private registry does: the CNCF
# distribution the `registry` component builds, with htpasswd auth, on the node's
# address. Kaniko pushes its builds here with the credentials of a Secret, and the
# harness asks for the image with the same ones: `.sandbox/env` names the docker
# config below as KUBEFLOW_BDD_REGISTRY_CONFIG. The real node still pulls its
# images from the anonymous `registry`. Its storage and login live in .sandbox/,
# so each sandbox starts with an empty registry and a password of its own.

PRIVATE_REGISTRY_DIR=$STATE_DIR/private-registry
PRIVATE_REGISTRY_USER=kaniko-builder
# The login as `docker login` writes it: {"auths": {"host:port": {"auth": base64(user:password)}}}.
PRIVATE_REGISTRY_LOGIN=$PRIVATE_REGISTRY_DIR/docker-config.json

private-registry::version() { echo "distribution $DISTRIBUTION_VERSION at $PRIVATE_REGISTRY, htpasswd login"; }

private-registry::needs() {
  echo "python3 python3:crypt hashes the private registry's password with bcrypt (Python's crypt, through Debian's libxcrypt)"
}

private-registry::start() {
  mkdir -p "$PRIVATE_REGISTRY_DIR/storage"
  # A restart keeps the password: the Secrets made from it still hold it.
  [ -f "$PRIVATE_REGISTRY_LOGIN" ] || make_private_registry_login
  cat >"$PRIVATE_REGISTRY_DIR/registry.yaml" <<YAML
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $PRIVATE_REGISTRY_DIR/storage}
http:
  addr: $PRIVATE_REGISTRY
auth:
  htpasswd: {realm: kubeflow-bdd-sandbox, path: $PRIVATE_REGISTRY_DIR/htpasswd}
YAML
  # The registry reports to a collector unless told not to; there is none here.
  OTEL_TRACES_EXPORTER=none start_daemon private-registry "$(bin registry "$DISTRIBUTION_VERSION")" serve "$PRIVATE_REGISTRY_DIR/registry.yaml"
}

# distribution's htpasswd takes bcrypt hashes only. It checks the hash at every
# request, and the password is long and random, so the lowest cost (2^4) will do.
make_private_registry_login() {
  local password hash
  password=$(openssl rand -hex 16)
  hash=$(printf '%s' "$password" | python3 -W ignore::DeprecationWarning -c \
    'import crypt, sys; print(crypt.crypt(sys.stdin.read(), crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))')
  [[ $hash == '$2b$'* ]] || die "Python's crypt made no bcrypt hash for the private registry's password." \
    "Use Debian's python3 (3.11 or 3.12, with the crypt module) first on PATH."
  (
    umask 077
    echo "$PRIVATE_REGISTRY_USER:$hash" >"$PRIVATE_REGISTRY_DIR/htpasswd"
    printf '{"auths": {"%s": {"auth": "%s"}}}\n' "$PRIVATE_REGISTRY" \
      "$(printf '%s:%s' "$PRIVATE_REGISTRY_USER" "$password" | base64 -w0)" >"$PRIVATE_REGISTRY_LOGIN"
  )
}

private_registry_answers() { curl -s -o /dev/null -w '%{http_code}' "$@" "http://$PRIVATE_REGISTRY/v2/"; }

# Ready when it takes the login and refuses anyone without it.
private-registry::ready() {
  local auth; auth=$(sed -n 's/.*"auth": "\([^"]*\)".*/\1/p' "$PRIVATE_REGISTRY_LOGIN" 2>/dev/null)
  alive private-registry && [ "$(private_registry_answers -H "Authorization: Basic $auth")" = 200 ] \
    && [ "$(private_registry_answers)" = 401 ]
}
