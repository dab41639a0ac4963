@kaniko
Feature: Kaniko image builds
  Notebook users build container images of their training code with Kaniko, as
  Kubeflow Fairing does: the code sits on a ReadWriteMany volume the notebook
  shares, and a builder pod runs under the containerbuilder service account.
  Fairing mounts the registry secret if one exists. Without it a platform has no
  credentials for a registry, and every team's registry wants a login: the build
  runs to the end without a push (--no-push) and keeps the image as a tarball on
  the volume. With it, Kaniko pushes with the secret's credentials (the login of
  KUBEFLOW_BDD_REGISTRY_CONFIG for KUBEFLOW_BDD_REGISTRY), and the registry, asked
  with the same login, holds the image with the digest Kaniko pushed.

  Background:
    Given a ReadWriteMany volume claim "build-workspace" of 1Gi is bound
    And the service account "containerbuilder" exists
    And a Dockerfile and its build context are on the volume "build-workspace"

  Scenario: An image is built from a Dockerfile on a shared volume
    When Kaniko builds the image "kubeflow-bdd/mnist-trainer:latest" from the volume "build-workspace"
    Then the builder pod completes
    And the build log shows the image was built and not pushed

  Scenario: An image is built with registry credentials from a secret
    Given the registry credentials are in the secret "registry-credentials"
    When Kaniko builds the image "kubeflow-bdd/mnist-trainer:latest" from the volume "build-workspace" with the credentials in "registry-credentials"
    Then the builder pod completes
    And the build log shows the image "kubeflow-bdd/mnist-trainer:latest" was pushed
    And the registry holds the image "kubeflow-bdd/mnist-trainer:latest"
