# Scenarios that must fail, for the harness's own tests (test/harness/). Not part of a user's run.
@harness-test
Feature: The harness fails clearly

  @failing-job
  Scenario: A job whose worker fails
    When I create the PyTorchJob from "../test/fixtures/mnist-gloo-failing.yaml" with 1 worker
    Then the PyTorchJob succeeds

  @broken-manifest
  Scenario: A manifest that is not YAML
    When I create the objects in "../test/fixtures/broken.yaml"

  @unknown-kind
  Scenario: A manifest of a kind the cluster does not serve
    When I create the objects in "../test/fixtures/unknown-kind.yaml"

  @undefined-step
  Scenario: A step nobody defined
    When I ask the cluster for a pony
