@katib
Feature: Hyperparameter tuning with Katib
  Data scientists tune a model's hyperparameters with Katib: an Experiment names
  the parameters to search, the metric to optimize and the training to run, and
  Katib runs trials, reads each trial's metric from what its training prints and
  keeps the best. On a working platform a random search over the learning rate
  and momentum of the PyTorch MNIST training runs all its trials to success, the
  optimal trial carries the loss its training really printed, and the suggestion
  service goes when the search ends.

  Background:
    Given the cluster serves Katib Experiments

  Scenario: A random search over the learning rate runs its trials and keeps the best
    When I create the Experiment from "katib/random.yaml"
    Then the Experiment succeeds
    And 2 trials of the Experiment succeeded, as many as it allows
    And the Experiment's optimal trial carries the objective metric its training printed
    And the Experiment's suggestion service is gone
