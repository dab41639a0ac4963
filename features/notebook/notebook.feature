@notebook
Feature: Notebook servers with Python and R kernels
  Data scientists work in Jupyter notebook servers that the Kubeflow notebook
  controller runs for them. On a working platform a new server comes up, answers
  through the platform, and runs code in the language it offers: Python, and R
  for those who came from RStudio. Kubeflow's own Jupyter images offer Python; a
  platform that offers R in Jupyter names its image, and without one the R
  scenario is skipped, saying so.

  Background:
    Given the cluster serves Notebooks

  Scenario: A notebook server runs a Python cell
    When I start the notebook server "analysis" with 500m CPU and 1Gi memory
    Then the pod of the notebook "analysis" is running
    And the notebook server "analysis" answers through the API server
    And the notebook server "analysis" offers the kernel "python3"
    And the "python3" kernel of the notebook server "analysis" runs this cell and prints "mean=5.5":
      """
      import statistics
      print(f"mean={statistics.mean(range(1, 11))}")
      """

  @r-kernel
  Scenario: A notebook server for R runs an R cell
    When I start the R notebook server "statistics" with 500m CPU and 1Gi memory
    Then the pod of the notebook "statistics" is running
    And the notebook server "statistics" answers through the API server
    And the notebook server "statistics" offers the kernel "ir"
    And the "ir" kernel of the notebook server "statistics" runs this cell and prints "slope=2 intercept=1":
      """
      fit <- lm(y ~ x, data = data.frame(x = 1:10, y = 2 * (1:10) + 1))
      cat(sprintf("slope=%g intercept=%g\n", coef(fit)[["x"]], coef(fit)[["(Intercept)"]]))
      """
