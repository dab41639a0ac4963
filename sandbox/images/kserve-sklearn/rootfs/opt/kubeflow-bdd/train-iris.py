#!/usr/bin/env python3
"""Trains the iris classifier of KServe's sklearn sample and saves it where the
sklearn server looks for a model: train-iris.py DIR writes DIR/model.joblib.

As the sample (docs/samples/v1beta1/sklearn/v1): an SVC fitted on scikit-learn's
bundled iris data, so nothing is downloaded. A Job of this image can put the
model on a volume that an InferenceService then serves with a pvc:// storageUri;
scikit-learn loads a model best with the version that saved it, the image's own.
"""
import os
import sys

import joblib
from sklearn import datasets, svm

# The iris input of Kubeflow's and KServe's sklearn tests, answered [1, 1].
SAMPLE = [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]


def main(directory):
    iris = datasets.load_iris()
    model = svm.SVC(gamma="scale").fit(iris.data, iris.target)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "model.joblib")
    joblib.dump(model, path)
    print(f"saved {path}; it predicts {model.predict(SAMPLE).tolist()} for {SAMPLE}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[0])
    main(sys.argv[1])
