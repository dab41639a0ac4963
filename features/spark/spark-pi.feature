@spark
Feature: Data processing with Spark
  Data teams run Spark jobs on Kubeflow with the Spark Operator: a
  SparkApplication names the program, and the operator submits it, Spark starts a
  driver pod and executor pods, and the application completes. On a working
  platform Spark's pi example runs in the user's namespace under the account
  Kubeflow gives its notebooks and jobs, its executors do the sampling in pods of
  their own, and the driver reports an estimate of pi close to the real one.

  Background:
    Given the cluster serves SparkApplications

  Scenario: Spark's pi example runs on a driver and two executors and estimates pi
    When I create the SparkApplication from "spark/spark-pi.yaml"
    Then the SparkApplication completes
    And the SparkApplication's executors ran on the pod network
    And the driver's log estimates pi within 0.05
