# Scenarios that must fail, for the harness's own tests (test/harness/). Not part of a user's run.
@harness-test
Feature: The harness fails clearly

  @failing-job
  Scenario: A PyTorchJob whose worker fails
    When I create the PyTorchJob from "../test/fixtures/mnist-gloo-failing.yaml" with 1 worker
    Then the PyTorchJob succeeds

  @real-failure
  Scenario: A PyTorchJob that trains badly
    When I create the PyTorchJob from "../test/fixtures/mnist-untrained.yaml" with 0 workers
    Then the PyTorchJob succeeds
    And the log of Master 0 of the PyTorchJob reports an accuracy of at least 0.7

  @real-failure
  Scenario: A PyTorchJob whose image does not exist
    When I create the PyTorchJob from "../test/fixtures/mnist-missing-image.yaml" with 0 workers
    Then the PyTorchJob succeeds

  @real-failure
  Scenario: A PyTorchJob whose master exits 3 and restarts
    When I create the PyTorchJob from "../test/fixtures/mnist-crashing.yaml" with 0 workers
    Then the PyTorchJob succeeds

  @real-failure
  Scenario: A PyTorchJob whose master's memory limit is too small
    When I create the PyTorchJob from "../test/fixtures/mnist-out-of-memory.yaml" with 0 workers
    Then the PyTorchJob succeeds

  @real-failure
  Scenario: A TFJob that diverges
    When I create the TFJob from "../test/fixtures/tfjob-diverging.yaml" with 1 parameter server and 1 worker
    Then the TFJob succeeds
    And the log of Worker 0 of the TFJob reports a converged validation cross entropy after 200 training steps

  @waiting-pod
  Scenario: A PyTorchJob whose master no node can hold
    When I create the PyTorchJob from "../test/fixtures/mnist-unschedulable.yaml" with 0 workers
    Then the PyTorchJob succeeds

  @waiting-pod
  Scenario: A PyTorchJob whose master mounts a secret that does not exist
    When I create the PyTorchJob from "../test/fixtures/mnist-missing-secret-volume.yaml" with 0 workers
    Then the PyTorchJob succeeds

  @waiting-pod
  Scenario: A pod that no node matches
    When I create the objects in "../test/fixtures/unplaceable-pod.yaml"
    Then the pod "unplaceable" is Running

  @real-failure
  Scenario: A TFJob that learns nothing
    When I create the TFJob from "../test/fixtures/tfjob-untrained.yaml" with 1 parameter server and 1 worker
    Then the TFJob succeeds
    And the log of Worker 0 of the TFJob reports a converged validation cross entropy after 200 training steps

  @real-failure
  Scenario: A TrainJob that learns nothing
    When I create the TrainJob from "../test/fixtures/trainjob-untrained.yaml" with 1 node
    Then the TrainJob completes
    And the log of node 0 of the TrainJob reports an accuracy of at least 0.7

  @failing-trainjob
  Scenario: A TrainJob whose nodes fail
    When I create the TrainJob from "../test/fixtures/trainjob-crashing.yaml" with 2 nodes
    Then the TrainJob completes

  @failing-notebook
  Scenario: A notebook cell whose result is not the one expected
    When I start the R notebook server "analysis" with 500m CPU and 1Gi memory
    Then the pod of the notebook "analysis" is running
    And the "ir" kernel of the notebook server "analysis" runs this cell and prints "slope=3":
      """
      fit <- lm(y ~ x, data = data.frame(x = 1:10, y = 2 * (1:10) + 1))
      cat(sprintf("slope=%g\n", coef(fit)[["x"]]))
      """

  @failing-notebook
  Scenario: A notebook server without the kernel asked for
    When I start the notebook server "analysis" with 500m CPU and 1Gi memory
    Then the pod of the notebook "analysis" is running
    And the notebook server "analysis" answers through the API server
    And the notebook server "analysis" offers the kernel "julia-1.9"

  @failing-job
  Scenario: A TFJob whose workers fail
    When I create the TFJob from "../test/fixtures/tfjob-failing.yaml" with 1 parameter server and 2 workers
    Then the TFJob succeeds

  @failing-build
  Scenario: A Kaniko build whose builder exits with an error
    Given a ReadWriteMany volume claim "build-workspace" of 1Gi is bound
    And the service account "containerbuilder" exists
    And the Dockerfile and build context from "../test/fixtures/failing-build-context.yaml" are on the volume "build-workspace"
    When Kaniko builds the image "kubeflow-bdd/mnist-trainer:latest" from the volume "build-workspace"
    Then the builder pod completes

  @failing-upgrade
  Scenario: A Helm upgrade whose new pods cannot be scheduled
    Given the platform's Helm release is deployed
    When the release is upgraded with the values in "../test/fixtures/unschedulable-resources.yaml"

  @broken-manifest
  Scenario: A manifest that is not YAML
    When I create the objects in "../test/fixtures/broken.yaml"

  @unknown-kind
  Scenario: A manifest of a kind the cluster does not serve
    When I create the objects in "../test/fixtures/unknown-kind.yaml"

  @undefined-step
  Scenario: A step nobody defined
    When I ask the cluster for a pony

  @flaky-test @flaky
  Scenario: A flaky scenario that passes when retried
    Then this step fails on its first attempt only

  @secret-leak
  Scenario: A failure whose message and evidence hold a secret value
    Given the secret "test-secret" with the key "secret_key" from "poddefault/test-secret.yaml"
    When I create the objects in "../test/fixtures/leaky-pod.yaml"
    Then the log of the pod "leaky" shows the key "secret_key" of the secret "test-secret"

  @wrong-secret
  Scenario: A container that holds another secret's value than the one asked for
    Given a ReadWriteMany volume claim "workspace" of 1Gi is bound
    And the secret "test-secret" with the key "secret_key" from "poddefault/test-secret.yaml"
    And the secret "other-secret" with the key "secret_key" from "../test/fixtures/other-secret.yaml"
    And the PodDefault "add-test-env" from "poddefault/poddefault.yaml"
    When I start the notebook "test-notebook" labelled "add-test-env=true" with 500m CPU and 1Gi memory on the volume "workspace"
    Then the pod of the notebook "test-notebook" is running
    And the process in the pod of "test-notebook" reads the key "secret_key" of the secret "other-secret" from the file "/etc/kubeflow-bdd/test-secret/secret_key"

  @stuck-namespace
  Scenario: A namespace that cannot be deleted
    When I create the objects in "../test/fixtures/held-configmap.yaml"

  @ambiguous-step
  Scenario: A step that two definitions match
    Then the builder pod completes

  @wrong-registry-password
  Scenario: A Kaniko build whose registry credentials hold a wrong password
    Given a ReadWriteMany volume claim "build-workspace" of 1Gi is bound
    And the service account "containerbuilder" exists
    And a Dockerfile and its build context are on the volume "build-workspace"
    And the registry credentials are in the secret "registry-credentials"
    When Kaniko builds the image "kubeflow-bdd/mnist-trainer:latest" from the volume "build-workspace" with the credentials in "registry-credentials"
    Then the builder pod completes

  @wrong-registry-password
  Scenario: A registry asked with a wrong password
    Then the registry holds the image "kubeflow-bdd/mnist-trainer:latest"

  @kserve-failure
  Scenario: An InferenceService of a model that learned nothing
    Given the cluster serves InferenceServices with a runtime for sklearn models
    And a ReadWriteMany volume claim "iris-model" of 1Gi is bound
    And an iris classifier trained by the pod of "../test/fixtures/iris-untrained.yaml" onto the claim "iris-model"
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready
    And the InferenceService "sklearn-iris" predicts the classes [1, 1] for Kubeflow CI's iris input

  @kserve-failure
  Scenario: An InferenceService of a model that learned nothing, asked in the Open Inference Protocol
    Given the cluster serves InferenceServices with a runtime for sklearn models
    And a ReadWriteMany volume claim "iris-model" of 1Gi is bound
    And an iris classifier trained by the pod of "../test/fixtures/iris-untrained.yaml" onto the claim "iris-model"
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready
    And the InferenceService "sklearn-iris" predicts the classes [1, 1] through the Open Inference Protocol

  # KServe's sklearn server starts without its model (it then serves a model repository), so the InferenceService is Ready.
  @kserve-failure
  Scenario: An InferenceService whose model server finds no model
    Given the cluster serves InferenceServices with a runtime for sklearn models
    And a ReadWriteMany volume claim "iris-model" of 1Gi is bound
    And an iris classifier trained by the pod of "../test/fixtures/iris-no-model.yaml" onto the claim "iris-model"
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready
    And the InferenceService "sklearn-iris" predicts the classes [1, 1] for Kubeflow CI's iris input

  @kserve-failure
  Scenario: An InferenceService whose model server crashes
    Given the cluster serves InferenceServices with a runtime for sklearn models
    And a ReadWriteMany volume claim "iris-model" of 1Gi is bound
    And an iris classifier trained by the pod of "../test/fixtures/iris-corrupt-model.yaml" onto the claim "iris-model"
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready

  @kserve-failure
  Scenario: An InferenceService whose storage URI does not exist
    Given the cluster serves InferenceServices with a runtime for sklearn models
    # The run names the model: KUBEFLOW_BDD_KSERVE_MODEL_URI=https://models.kubeflow-bdd.invalid/iris/model.joblib
    And an iris classifier trained by the pod of "kserve/train-iris.yaml" onto a ReadWriteMany claim "iris-model" of 1Gi, or the model configured for this platform
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready

  # The runs name the claim's model: KUBEFLOW_BDD_KSERVE_MODEL_URI=pvc://platform-model/iris
  @kserve-configured-model
  Scenario: The model configured for the platform is served, not one trained by the scenario
    Given the cluster serves InferenceServices with a runtime for sklearn models
    And a ReadWriteMany volume claim "platform-model" of 1Gi is bound
    And an iris classifier trained by the pod of "kserve/train-iris.yaml" onto the claim "platform-model"
    And an iris classifier trained by the pod of "../test/fixtures/iris-untrained.yaml" onto a ReadWriteMany claim "iris-model" of 1Gi, or the model configured for this platform
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready
    And the InferenceService "sklearn-iris" predicts the classes [1, 1] for Kubeflow CI's iris input

  @kserve-configured-model
  Scenario: A configured model that learned nothing fails, though the scenario would have trained a good one
    Given the cluster serves InferenceServices with a runtime for sklearn models
    And a ReadWriteMany volume claim "platform-model" of 1Gi is bound
    And an iris classifier trained by the pod of "../test/fixtures/iris-untrained.yaml" onto the claim "platform-model"
    And an iris classifier trained by the pod of "kserve/train-iris.yaml" onto a ReadWriteMany claim "iris-model" of 1Gi, or the model configured for this platform
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready
    And the InferenceService "sklearn-iris" predicts the classes [1, 1] for Kubeflow CI's iris input

  @katib-failure
  Scenario: An Experiment whose trials fail
    Given the cluster serves Katib Experiments
    When I create the Experiment from "../test/fixtures/katib-failing-trials.yaml"
    Then the Experiment succeeds

  @katib-failure
  Scenario: An Experiment whose training prints no objective metric
    Given the cluster serves Katib Experiments
    When I create the Experiment from "../test/fixtures/katib-no-metric.yaml"
    Then the Experiment succeeds

  @katib-failure
  Scenario: An Experiment whose suggestion service stays when it ends
    Given the cluster serves Katib Experiments
    When I create the Experiment from "../test/fixtures/katib-long-running.yaml"
    Then the Experiment succeeds
    And the Experiment's suggestion service is gone

  @spark-failure
  Scenario: A SparkApplication whose main file does not exist
    Given the cluster serves SparkApplications
    When I create the SparkApplication from "../test/fixtures/spark-missing-file.yaml"
    Then the SparkApplication completes

  @spark-failure
  Scenario: A SparkApplication whose driver fails
    Given the cluster serves SparkApplications
    When I create the SparkApplication from "../test/fixtures/spark-failing-driver.yaml"
    Then the SparkApplication completes

  @spark-failure
  Scenario: A SparkApplication whose executors cannot start
    Given the cluster serves SparkApplications
    When I create the SparkApplication from "../test/fixtures/spark-executor-image-moved.yaml"
    Then the SparkApplication completes

  @spark-failure
  Scenario: A SparkApplication whose program estimates pi wrong
    Given the cluster serves SparkApplications
    When I create the SparkApplication from "../test/fixtures/spark-wrong-pi.yaml"
    Then the SparkApplication completes
    And the driver's log estimates pi within 0.05
