@trainjob
Feature: TrainJob completion
  Data scientists on today's Kubeflow train models with Kubeflow Trainer: a TrainJob
  names a training runtime (torch-distributed unless configured otherwise) and how
  many machines, called nodes, to train on. On a working platform the Trainer
  starts one pod per node through JobSet, the nodes train together to the end, and
  the trained model reaches the accuracy it always reaches.

  Background:
    Given the cluster serves TrainJobs with their JobSet and training runtime

  Scenario Outline: Distributed PyTorch training through the runtime completes on <nodes> node(s)
    When I create the TrainJob from "trainjob/mnist.yaml" with <nodes> nodes
    Then the TrainJob has <nodes> node pods
    And the TrainJob completes
    And every node of the TrainJob succeeded
    And the log of node 0 of the TrainJob reports an accuracy of at least 0.7

    Examples:
      | nodes |
      | 1     |
      | 2     |
