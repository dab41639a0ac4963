@tfjob
Feature: TFJob convergence
  Distributed TensorFlow training with parameter servers and workers converges:
  the job succeeds, every worker finishes, and worker 0 reports, after all its
  training steps, a validation cross entropy at or below KUBEFLOW_BDD_CROSS_ENTROPY_MAX,
  which a model that learned nothing does not reach.

  Background:
    Given the cluster serves TFJobs

  Scenario: Distributed MNIST with parameter servers converges
    When I create the TFJob from "tfjob/dist-mnist.yaml" with 1 parameter server and 2 workers
    Then the TFJob has 1 PS pod
    And the TFJob has 2 Worker pods
    And the TFJob succeeds
    And every Worker replica of the TFJob succeeded
    And the log of Worker 0 of the TFJob reports a converged validation cross entropy after 20000 training steps
