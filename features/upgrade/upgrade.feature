@upgrade
Feature: Platform check after a Helm upgrade
  After the platform's Helm release (kubeflowinstaller in kubeflow-installer by
  default) is upgraded with new component resources, every component pod carries
  exactly those resources, and everything the other features check still works.
  These scenarios run one at a time, after all others.

  Background:
    Given the platform's Helm release is deployed

  @helm-upgrade
  Scenario: An upgrade of the release applies the new component resources
    When the release is upgraded with the values in "upgrade/component-resources.yaml"
    Then the release revision went up and its status is deployed
    And the platform's pods are rolled out and ready
    And every container of the platform's pods has these resources:
      | resource        | quantity |
      | limits.cpu      | 500m     |
      | limits.memory   | 1Gi      |
      | requests.cpu    | 50m      |
      | requests.memory | 128Mi    |

  Scenario: A platform upgraded by someone else carries the new component resources
    Then the platform's pods are rolled out and ready
    And every container of the platform's pods has these resources:
      | resource        | quantity |
      | limits.cpu      | 0.5      |
      | limits.memory   | 1024Mi   |
      | requests.cpu    | 0.05     |
      | requests.memory | 128Mi    |

  @pytorchjob
  Scenario: PyTorchJobs still complete on the upgraded platform
    Given the cluster serves PyTorchJobs
    When I create the PyTorchJob from "pytorchjob/mnist-gloo.yaml" with 1 worker
    Then the PyTorchJob succeeds
    And every Worker replica of the PyTorchJob succeeded
    And the log of Master 0 of the PyTorchJob reports an accuracy of at least 0.7

  @tfjob
  Scenario: TFJobs still converge on the upgraded platform
    Given the cluster serves TFJobs
    When I create the TFJob from "tfjob/dist-mnist.yaml" with 1 parameter server and 2 workers
    Then the TFJob succeeds
    And every Worker replica of the TFJob succeeded
    And the log of Worker 0 of the TFJob reports a converged validation cross entropy after 20000 training steps

  @trainjob
  Scenario: TrainJobs still complete on the upgraded platform
    Given the cluster serves TrainJobs with their JobSet and training runtime
    When I create the TrainJob from "trainjob/mnist.yaml" with 2 nodes
    Then the TrainJob completes
    And every node of the TrainJob succeeded
    And the log of node 0 of the TrainJob reports an accuracy of at least 0.7

  Scenario: Kaniko still builds images on the upgraded platform
    Given a ReadWriteMany volume claim "build-workspace" of 1Gi is bound
    And the service account "containerbuilder" exists
    And a Dockerfile and its build context are on the volume "build-workspace"
    And the registry credentials are in the secret "registry-credentials"
    When Kaniko builds the image "kubeflow-bdd/mnist-trainer:latest" from the volume "build-workspace" with the credentials in "registry-credentials"
    Then the builder pod completes
    And the build log shows the image "kubeflow-bdd/mnist-trainer:latest" was pushed
    And the registry holds the image "kubeflow-bdd/mnist-trainer:latest"

  @notebook
  Scenario: PodDefaults are still injected into notebooks on the upgraded platform
    Given the cluster serves PodDefaults
    And a ReadWriteMany volume claim "workspace" of 1Gi is bound
    And the secret "test-secret" with the key "secret_key" from "poddefault/test-secret.yaml"
    And the PodDefault "add-test-env" from "poddefault/poddefault.yaml"
    When I start the notebook "test-notebook" labelled "add-test-env=true" with 500m CPU and 1Gi memory on the volume "workspace"
    Then the pod of the notebook "test-notebook" is running
    And the pod of "test-notebook" has the env "POD_DEFAULT" set to "Testing is enabled"
    And the pod of "test-notebook" has the env "POD_DEFAULT_SECRET" from the key "secret_key" of the secret "test-secret"

  @kserve
  Scenario: KServe still serves a trained model on the upgraded platform
    Given the cluster serves InferenceServices with a runtime for sklearn models
    And an iris classifier trained by the pod of "kserve/train-iris.yaml" onto a ReadWriteMany claim "iris-model" of 1Gi, or the model configured for this platform
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready
    And the InferenceService "sklearn-iris" predicts the classes [1, 1] for Kubeflow CI's iris input

  @katib
  Scenario: Katib still tunes on the upgraded platform
    Given the cluster serves Katib Experiments
    When I create the Experiment from "katib/random.yaml"
    Then the Experiment succeeds
    And 2 trials of the Experiment succeeded, as many as it allows
    And the Experiment's optimal trial carries the objective metric its training printed

  @spark
  Scenario: Spark still runs on the upgraded platform
    Given the cluster serves SparkApplications
    When I create the SparkApplication from "spark/spark-pi.yaml"
    Then the SparkApplication completes
    And the driver's log estimates pi within 0.05
