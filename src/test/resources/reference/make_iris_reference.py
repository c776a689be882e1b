# Re-run from the project root: /usr/bin/python3 src/test/resources/reference/make_iris_reference.py
"""Fisher's iris as a user's CSV file, and the softmax optimum scikit-learn finds on it, for IrisCsvTest.

iris_petals.csv: the petal length and petal width (cm) and the species name of the 150 flowers of
sklearn.datasets.load_iris (Fisher 1936, as scikit-learn ships it), in its order, under the header
petal_length,petal_width,species, written by Python's csv module.

iris_optimum.json: those points standardized here in numpy, each column to (x - mean) / std with the population
standard deviation (ddof = 0), which is what LogitLab does to a file whose coordinates leave [-6, 6] (petal length
reaches 6.9); the means and deviations; and, on the standardized points, the optimum of softmax regression with
K = 3, features x1, x2 and L2 strength l2 = 0.01 (so that it is unique: setosa is separable from the others),
found by scikit-learn exactly as make_reference.py finds its optima (newton-cg, C = 1/(l2 N), multinomial, biases
centered), with the same gradient check and gradient-descent budget.
"""

import csv
import os

import numpy as np
import sklearn
from sklearn.datasets import load_iris

from make_reference import (SOLVER, SOLVER_TOL, case_record, fit_sklearn, gd_budget, min_curvature,
                            objective_and_gradient, write_json)

HERE = os.path.dirname(os.path.abspath(__file__))
CSV_NAME = "iris_petals.csv"
CASE = dict(name="Fisher's iris petals, standardized, 3-class softmax", classes=3, parameterization="softmax",
            features=["x1", "x2"], l2=0.01)


def write_csv(petals, species):
    with open(os.path.join(HERE, CSV_NAME), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["petal_length", "petal_width", "species"])
        for (length, width), name in zip(petals, species):
            writer.writerow([repr(float(length)), repr(float(width)), name])
    print("wrote", os.path.join(HERE, CSV_NAME))


def main():
    iris = load_iris()
    columns = [iris.feature_names.index("petal length (cm)"), iris.feature_names.index("petal width (cm)")]
    petals = iris.data[:, columns]
    y = iris.target
    species = [str(iris.target_names[k]) for k in y]
    assert len(petals) == 150 and list(iris.target_names) == ["setosa", "versicolor", "virginica"]
    assert species[0] == "setosa" and species[50] == "versicolor" and species[100] == "virginica"  # first seen
    write_csv(petals, species)

    means = petals.mean(axis=0)
    deviations = petals.std(axis=0)  # ddof = 0: the population standard deviation
    X = (petals - means) / deviations
    assert np.abs(X).max() <= 6.0

    W, b = fit_sklearn(X, y, CASE)
    J, gW, gb = objective_and_gradient(X, y, W, b, CASE["l2"], CASE["parameterization"])
    grad_norm = float(np.sqrt(np.sum(gW * gW) + np.sum(gb * gb)))
    assert grad_norm < 1e-9, grad_norm
    accuracy = float(np.mean(np.argmax(X @ W.T + b, axis=1) == y))
    mu = min_curvature(X, y, W, b, CASE["l2"], CASE["parameterization"])
    eta, steps_needed = gd_budget(X, y, CASE)
    record = case_record(CASE, np.column_stack([X, y]), W, b, J, grad_norm, mu, eta, steps_needed)
    assert record["steps"] <= 100_000, record["steps"]  # LogitLab's TrainingRun.MAX_STEP
    print(f"iris: means {means}, deviations {deviations}, |grad J| at sklearn's optimum {grad_norm:.2e}, "
          f"accuracy {accuracy}, min curvature {mu:.4f}, error bound {grad_norm / mu:.1e}, J={J:.15f}, eta={eta:.4f}, "
          f"GD steps {steps_needed} -> budget {record['steps']}")

    write_json({
        "generator": "src/test/resources/reference/make_iris_reference.py",
        "solver": f"scikit-learn {sklearn.__version__} LogisticRegression(solver='{SOLVER}', tol={SOLVER_TOL:g}, "
                  f"C=1/(l2*N), multi_class='multinomial'), numpy {np.__version__}",
        "csv": CSV_NAME,
        "classNames": [str(name) for name in iris.target_names],
        "columnNames": ["petal_length", "petal_width", "species"],
        "means": means.tolist(),
        "deviations": deviations.tolist(),
        "accuracy": accuracy,
        "case": record,
    }, "iris_optimum.json")


if __name__ == "__main__":
    main()
