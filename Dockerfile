# The harness as a container image, for those who build with their own tools:
#   docker build -t kubeflow-bdd . && docker run -v ~/.kube/config:/home/node/.kube/config:ro kubeflow-bdd --tags @trainjob
# The sandbox builds the same image offline (sandbox/images/harness/): the same
# Node.js and helm, the files these COPY lines name (each to the same path under
# the working directory), the production dependencies of package-lock.json, and the
# same user, working directory, environment and entry point. test/image.test.sh
# compares the two; keep them equivalent when you change either.
FROM docker.io/library/node:20.20.2-bookworm-slim
# helm, for the upgrade feature (helm upgrade of the platform's release).
COPY --from=docker.io/alpine/helm:3.21.4 /usr/bin/helm /usr/local/bin/helm
WORKDIR /opt/kubeflow-bdd
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json cucumber.js ./
COPY types/ types/
COPY support/ support/
COPY steps/ steps/
COPY features/ features/
COPY manifests/ manifests/
COPY scripts/ scripts/
COPY sandbox/chart/ sandbox/chart/
# An unprivileged user (the node image's, uid 1000); reports go to its home unless
# KUBEFLOW_BDD_REPORTS says otherwise (the in-cluster manifests mount a volume).
USER 1000:1000
ENV HOME=/home/node KUBEFLOW_BDD_REPORTS=/home/node/reports NPM_CONFIG_UPDATE_NOTIFIER=false
ENTRYPOINT ["npm", "run", "-s", "features", "--"]
