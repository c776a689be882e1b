# Re-run from the project root: /usr/bin/python3 src/test/resources/reference/make_l1_reference.py
"""Reference optima with L1 for L1ReferenceOptimumTest, found by scikit-learn's saga (an independent solver).

LogitLab minimises

    J(W, b) = (1/N) sum_n CE_n + (l2/2) sum w^2 + l1 sum |w|          (biases not regularized)

by proximal gradient descent: w <- S(w - eta * dJ_smooth/dw, eta * l1), S the soft-threshold. scikit-learn's
LogisticRegression(solver="saga") minimises, with penalty="l1", C sum_n CE_n + ||w||_1, which is C N J when
l2 = 0 and C = 1 / (l1 N); with penalty="elasticnet" it minimises C sum_n CE_n + r ||w||_1 + (1 - r)/2 ||w||^2,
which is C N J when 1/C = N (l1 + l2) and r = l1 / (l1 + l2). Intercepts are not penalized in either. K = 2 with
"sigmoid" is sklearn's binary model; "softmax" is its multinomial model, written with centered biases.

Uniqueness: the softmax weights are identified only up to adding one number per feature to every class's weight.
L1 picks, per feature, the shift that minimises sum_k |w_k,i + c|, i.e. puts a median of the column at 0: unique
for K = 3 (so the pure-L1 case is K = 3), not for even K (any c between the two middle values). The K = 4 and K = 5
cases therefore also have l2 > 0, which makes J strictly convex in the weights. Both solvers start where LogitLab
starts, or converge to the unique optimum regardless.

Checks, per case (the script stops if one fails):
- sklearn's answer satisfies the optimality (KKT) conditions of J: |g + l1 sign(w)| < KKT_TOLERANCE for w != 0,
  |g| <= l1 - ZERO_MARGIN for w = 0 (a clear margin, so that the set of zero weights is not a matter of rounding),
  and |g| < KKT_TOLERANCE for the biases, where g = grad J_smooth computed here in numpy. Its residual, the norm of
  the minimum-norm subgradient of J (what LogitLab reports as gradientNorm), is recorded as referenceGradientNorm,
  the name make_reference.py gives the same quantity without L1; saga with tol = 1e-15 reaches 1e-13 or
  better on these small problems, so the JSON holds sklearn's values as they are, no polishing needed.
- An independent second solver written here, proximal gradient descent from zeros with eta = 1 / L (L as in
  make_reference.py's budget), run until the minimum-norm subgradient is <= GD_TARGET_STATIONARITY, agrees with
  sklearn to SOLVER_AGREEMENT in every parameter and has exactly the same zero weights. Its step count, plus a
  margin, is the budget the Java test runs LogitLab for.
- referenceErrorBound = referenceGradientNorm / mu, mu the smallest curvature of J_smooth over the non-zero weights
  and the biases (the softmax bias shift left out): how far sklearn's answer can be from the exact optimum.
"""

import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from make_reference import (EXTENT, binary_linear, binary_ring, case_record, five_class_sin, four_class_quadratic,
                            min_curvature, objective_and_gradient, phi, three_class_linear, write_json)

SOLVER_TOL = 1e-15
SOLVER_MAX_ITER = 1_000_000
KKT_TOLERANCE = 1e-10
ZERO_MARGIN = 1e-3
SOLVER_AGREEMENT = 1e-9
GD_TARGET_STATIONARITY = 1e-11
GD_MAX_STEPS = 100_000  # LogitLab's TrainingRun.MAX_STEP

ALL = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]

CASES = [
    dict(name="binary sigmoid, L1, quadratic features", classes=2, parameterization="sigmoid",
         features=ALL[:5], l2=0.0, l1=0.05, points=binary_linear),
    dict(name="binary sigmoid, L1 and L2, all seven features around a noisy ring", classes=2,
         parameterization="sigmoid", features=ALL, l2=0.01, l1=0.02, points=binary_ring),
    dict(name="3-class softmax, L1, linear and sine features", classes=3, parameterization="softmax",
         features=["x1", "x2", "sin(x1)", "sin(x2)"], l2=0.0, l1=0.05, points=three_class_linear),
    dict(name="4-class softmax, L1 and L2, quadratic features", classes=4, parameterization="softmax",
         features=ALL[:5], l2=0.01, l1=0.05, points=four_class_quadratic),
    dict(name="5-class softmax, L1 and L2, linear and sine features", classes=5, parameterization="softmax",
         features=["x1", "x2", "sin(x1)", "sin(x2)"], l2=0.01, l1=0.02, points=five_class_sin),
]


def soft_threshold(v, t):
    return np.sign(v) * np.maximum(np.abs(v) - t, 0.0)


def stationarity(W, gW, gb, l1):
    """The minimum-norm subgradient of J: g + l1 sign(w) where w != 0, S(g, l1) where w = 0, g for the biases."""
    sW = np.where(W != 0, gW + l1 * np.sign(W), soft_threshold(gW, l1))
    return np.concatenate([sW.ravel(), gb])


def fit_sklearn(X, y, case):
    n = X.shape[0]
    l1, l2 = case["l1"], case["l2"]
    if l2 == 0:
        penalty = dict(penalty="l1", C=1.0 / (l1 * n))
    else:
        penalty = dict(penalty="elasticnet", C=1.0 / ((l1 + l2) * n), l1_ratio=l1 / (l1 + l2))
    model = LogisticRegression(solver="saga", tol=SOLVER_TOL, max_iter=SOLVER_MAX_ITER, random_state=0,
                               multi_class="multinomial" if case["parameterization"] == "softmax" else "auto",
                               **penalty)
    with warnings.catch_warnings():
        warnings.simplefilter("error", category=ConvergenceWarning)  # saga must stop by its own criterion
        model.fit(X, y)
    W, b = model.coef_.copy(), model.intercept_.copy()
    return W, (b - b.mean() if case["parameterization"] == "softmax" else b)


def proximal_gradient(X, y, case):
    """LogitLab's own method, independently written: from zeros, eta = 1/L, until the stationarity is tiny."""
    n = X.shape[0]
    Xt = np.column_stack([X, np.ones(n)])
    curvature = 0.25 if case["parameterization"] == "sigmoid" else 0.5
    eta = 1.0 / (curvature * np.linalg.eigvalsh(Xt.T @ Xt / n).max() + case["l2"])
    rows = 1 if case["parameterization"] == "sigmoid" else case["classes"]
    W = np.zeros((rows, X.shape[1]))
    b = np.zeros(rows)
    for step in range(GD_MAX_STEPS + 1):
        _, gW, gb = objective_and_gradient(X, y, W, b, case["l2"], case["parameterization"])
        if np.linalg.norm(stationarity(W, gW, gb, case["l1"])) <= GD_TARGET_STATIONARITY:
            return W, b, eta, step
        W = soft_threshold(W - eta * gW, eta * case["l1"])
        b = b - eta * gb
    raise RuntimeError(case["name"] + ": proximal gradient did not converge within " + str(GD_MAX_STEPS))


def main():
    out = []
    for case in CASES:
        points = case["points"]()
        assert np.all(np.abs(points[:, :2]) <= EXTENT)
        y = points[:, 2].astype(int)
        assert set(y) == set(range(case["classes"])), case["name"]
        X = phi(points, case["features"])
        l1 = case["l1"]

        W, b = fit_sklearn(X, y, case)
        J, gW, gb = objective_and_gradient(X, y, W, b, case["l2"], case["parameterization"])
        J += l1 * np.abs(W).sum()
        zero = W == 0
        assert zero.any() and not zero.all(), (case["name"], "wants some zero and some non-zero weights")
        assert np.abs(gW[~zero] + l1 * np.sign(W[~zero])).max() < KKT_TOLERANCE, case["name"]
        assert np.abs(gb).max() < KKT_TOLERANCE, case["name"]
        margin = float((l1 - np.abs(gW[zero])).min())
        assert margin >= ZERO_MARGIN, (case["name"], margin)
        residual = float(np.linalg.norm(stationarity(W, gW, gb, l1)))

        W_pg, b_pg, eta, steps_needed = proximal_gradient(X, y, case)
        assert np.array_equal(W_pg == 0, zero), (case["name"], "the two solvers zero different weights")
        disagreement = max(np.abs(W_pg - W).max(), np.abs(b_pg - b).max())  # GD keeps sum_k b_k = 0
        assert disagreement < SOLVER_AGREEMENT, (case["name"], disagreement)

        free = np.column_stack([~zero, np.ones(len(b), dtype=bool)]).ravel()
        mu = min_curvature(X, y, W, b, case["l2"], case["parameterization"], free)
        record = case_record(case, points, W, b, J, residual, mu, eta, steps_needed)
        record["zeroMargin"] = margin
        print(f"{case['name']}: N={len(points)}, zero weights {int(zero.sum())}/{zero.size}, smallest |w| != 0 "
              f"{np.abs(W[~zero]).min():.2e}, zero margin {margin:.2e}, stationarity at sklearn's optimum "
              f"{residual:.1e}, error bound {residual / mu:.1e}, proximal GD agrees to {disagreement:.1e}, "
              f"eta={eta:.4f}, steps {steps_needed} -> budget {record['steps']}")
        out.append(record)

    write_json({
        "generator": "src/test/resources/reference/make_l1_reference.py",
        "solver": f"scikit-learn {sklearn.__version__} LogisticRegression(solver='saga', tol={SOLVER_TOL:g}, "
                  f"random_state=0, penalty='l1' with C=1/(l1*N), or penalty='elasticnet' with "
                  f"C=1/((l1+l2)*N) and l1_ratio=l1/(l1+l2)), numpy {np.__version__}",
        "objective": "J = (1/N) sum CE + (l2/2) sum w^2 + l1 sum |w|, biases unregularized; softmax biases centered",
        "cases": out,
    }, "sklearn_l1_optima.json")


if __name__ == "__main__":
    main()
