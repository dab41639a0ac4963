@kaniko
Feature: Kaniko image builds
  Notebook users build container images of their training code with Kaniko, as
  Kubeflow Fairing does: the code sits on a ReadWriteMany volume the notebook
  shares, and a builder pod runs under the containerbuilder service account.

  Background:
    Given a ReadWriteMany volume claim "build-workspace" of 1Gi is bound
    And the service account "containerbuilder" exists
    And a Dockerfile and its build context are on the volume "build-workspace"

  Scenario: An image is built from a Dockerfile on a shared volume
    When Kaniko builds the image "kubeflow-bdd/mnist-trainer:latest" from the volume "build-workspace"
    Then the builder pod completes
    And the build log shows the image "kubeflow-bdd/mnist-trainer:latest" was built
    And the registry holds the image "kubeflow-bdd/mnist-trainer:latest"

  Scenario: An image is built with registry credentials from a secret
    Given the registry credentials are in the secret "registry-credentials"
    When Kaniko builds the image "kubeflow-bdd/mnist-trainer:latest" from the volume "build-workspace" with the credentials in "registry-credentials"
    Then the builder pod completes
    And the build log shows the image "kubeflow-bdd/mnist-trainer:latest" was built
