@notebook
Feature: Notebook servers with Python and R kernels
  Data scientists work in Jupyter notebook servers that the Kubeflow notebook
  controller runs for them. On a working platform a new server comes up, answers
  through the platform, and runs code in both languages it offers: Python, and R
  for those who came from RStudio.

  Background:
    Given the cluster serves Notebooks

  Scenario: A notebook server offers Python and R and runs a cell in each
    When I start the notebook server "analysis" with 500m CPU and 1Gi memory
    Then the pod of the notebook "analysis" is running
    And the notebook server "analysis" answers through the API server
    And the notebook server "analysis" offers the kernels "python3" and "ir"
    And the "python3" kernel of the notebook server "analysis" runs this cell and prints "mean=5.5":
      """
      import statistics
      print(f"mean={statistics.mean(range(1, 11))}")
      """
    And the "ir" kernel of the notebook server "analysis" runs this cell and prints "slope=2 intercept=1":
      """
      fit <- lm(y ~ x, data = data.frame(x = 1:10, y = 2 * (1:10) + 1))
      cat(sprintf("slope=%g intercept=%g\n", coef(fit)[["x"]], coef(fit)[["(Intercept)"]]))
      """
