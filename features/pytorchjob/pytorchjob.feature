@pytorchjob
Feature: PyTorchJob completion
  Data scientists train models with distributed PyTorch. On a working platform the
  Kubeflow training operator starts a master and its workers, the job runs to the
  end, and the trained model reaches the accuracy it always reaches.

  Background:
    Given the cluster serves PyTorchJobs

  Scenario Outline: Distributed MNIST with the gloo backend completes with <workers> worker(s)
    When I create the PyTorchJob from "pytorchjob/mnist-gloo.yaml" with <workers> workers
    Then the PyTorchJob has 1 Master pod
    And the PyTorchJob has <workers> Worker pods
    And the PyTorchJob succeeds
    And every Master replica of the PyTorchJob succeeded
    And every Worker replica of the PyTorchJob succeeded
    And the log of Master 0 of the PyTorchJob reports an accuracy of at least 0.7

    Examples:
      | workers |
      | 1       |
      | 2       |
