@poddefault
Feature: PodDefault injection into notebook pods
  Platform teams hand configuration and credentials to notebooks with PodDefaults:
  every pod that carries a PodDefault's label gets its env vars and volumes, and
  pods without the label get nothing.

  Background:
    Given the cluster serves PodDefaults
    And a ReadWriteMany volume claim "workspace" of 1Gi is bound
    And the secret "test-secret" with the key "secret_key" from "poddefault/test-secret.yaml"
    And the PodDefault "add-test-env" from "poddefault/poddefault.yaml"

  @notebook
  Scenario: A notebook selected by the PodDefault gets its env and its secret
    When I start the notebook "test-notebook" labelled "add-test-env=true" with 500m CPU and 1Gi memory on the volume "workspace"
    Then the pod of the notebook "test-notebook" is running
    And the pod of "test-notebook" requests 500m CPU and 1Gi memory
    And the pod of "test-notebook" mounts the volume claim "workspace" at "/home/jovyan"
    And the pod of "test-notebook" has the env "POD_DEFAULT" set to "Testing is enabled"
    And the pod of "test-notebook" has the env "POD_DEFAULT_SECRET" from the key "secret_key" of the secret "test-secret"
    And the pod of "test-notebook" mounts the secret "test-secret" at "/etc/kubeflow-bdd/test-secret"
    And the process in the pod of "test-notebook" sees the env "POD_DEFAULT" set to "Testing is enabled"
    And the process in the pod of "test-notebook" sees the key "secret_key" of the secret "test-secret" in the env "POD_DEFAULT_SECRET"
    And the process in the pod of "test-notebook" reads the key "secret_key" of the secret "test-secret" from the file "/etc/kubeflow-bdd/test-secret/secret_key"

  Scenario: A pod without the PodDefault's label gets none of it
    When I start the pod "unselected" without that label
    Then the pod of "unselected" has nothing from the PodDefault "add-test-env"
