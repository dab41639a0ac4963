@profile
Feature: A new user's profile
  On a multi-user Kubeflow every user works in a namespace of their own, made from a
  Profile by Kubeflow's profile controller. A new user's profile gives them that
  namespace, labelled so that Kubeflow's webhooks serve it, the ServiceAccounts
  their notebooks and jobs run as, and the rights to create what they work with.

  Background:
    Given the cluster serves Profiles

  Scenario: A Profile gives its owner a namespace to work in
    When I create a Profile for the owner
    Then the profile's namespace is made with the Kubeflow profile label
    And the profile's namespace has the ServiceAccounts "default-editor" and "default-viewer"
    And the profile's namespace has these RoleBindings:
      | binding        | role           |
      | default-editor | kubeflow-edit  |
      | default-viewer | kubeflow-view  |
      | namespaceAdmin | kubeflow-admin |
    And the owner may create these in the profile's namespace:
      | kind       |
      | Notebook   |
      | PodDefault |
      | TrainJob   |
