@kserve
Feature: Model serving with KServe
  Data scientists put a trained model behind an endpoint with KServe: an
  InferenceService names the model's format and where it is stored, and KServe
  runs a model server for it. On a working platform the InferenceService becomes
  Ready, KServe's Deployment and Service serve it, and the server answers with the
  classes the model computes, in KServe's own protocol and in the Open Inference
  Protocol. The model is trained in the cluster, by the runtime's own image, so a
  model that learned nothing predicts wrong and fails here; a platform without
  ReadWriteMany storage names a model of its own instead (KUBEFLOW_BDD_KSERVE_MODEL_URI).

  Background:
    Given the cluster serves InferenceServices with a runtime for sklearn models

  Scenario: An iris classifier trained in the cluster is served and predicts
    Given an iris classifier trained by the pod of "kserve/train-iris.yaml" onto a ReadWriteMany claim "iris-model" of 1Gi, or the model configured for this platform
    When I create the InferenceService "sklearn-iris" from "kserve/sklearn-iris.yaml" for that model
    Then the InferenceService "sklearn-iris" is Ready
    And the InferenceService "sklearn-iris" serves from the Deployment and Service KServe made for it
    And the InferenceService "sklearn-iris" predicts the classes [1, 1] for Kubeflow CI's iris input
    And the InferenceService "sklearn-iris" predicts the classes [1, 1] through the Open Inference Protocol
