# Re-run from the project root: /usr/bin/python3 src/test/resources/reference/make_reference.py
"""Reference optima for ReferenceOptimumTest, found by scikit-learn (an independent solver).

Each case is a small fixed dataset (seeded numpy, coordinates inside [-6, 6]) with a feature map, a number of
classes, a parameterization and an L2 strength lambda. LogitLab minimises

    J(W, b) = (1/N) sum_n CE_n + (lambda/2) sum w^2          (biases not regularized)

and sklearn's LogisticRegression minimises sum_n CE_n + ||w||^2 / (2C) (equivalently C * sum_n CE_n + 1/2 ||w||^2),
which is N * J when C = 1 / (lambda N): the same minimiser. K = 2 with "sigmoid" is sklearn's binary model (one
weight row, p(y=1) = sigma(w.phi + b)); "softmax" is sklearn's multinomial model (K rows). Softmax biases are
only identified up to a common constant, so they are written centered (sum_k b_k = 0), which is where LogitLab's
gradient descent from zeros stays. With lambda > 0 the softmax weights are unique and sum to zero over k.

Besides sklearn's optimum the script writes, per case, a gradient-descent budget for the Java test: a learning
rate eta = 1 / L, where L = c * lambda_max((1/N) sum [phi;1][phi;1]^T) + lambda bounds the Hessian of J everywhere
(c = 1/4 for sigmoid, 1/2 for softmax), and a step count found by running that same plain gradient descent here
in numpy until ||grad J|| <= GD_TARGET_GRADIENT_NORM, plus a margin. The budget only sets how long the Java run
goes; every value the test compares against comes from sklearn.
"""

import json
import os
import re
import warnings

import numpy as np
import sklearn
from scipy.optimize._linesearch import LineSearchWarning
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from feature_map import phi

EXTENT = 6.0
# sklearn's "lbfgs" is not used: sklearn 1.2.1 passes scipy's L-BFGS-B only gtol and maxiter, so scipy's default
# ftol (stop when f falls by less than 2.2e-9 relative) ends it at |grad J| ~ 1e-8 .. 3e-5 on these cases, whatever
# tol is. "newton-cg" (sklearn's truncated Newton, same objective) reaches |grad J| <= 2.4e-10 here (on the softmax
# cases it then stalls, its line search limited by rounding), 1e-8 or better in the parameters (see
# referenceErrorBound). Its tol bounds max |gradient| of sum(loss) + ||w||^2 / (2C) = N * J.
SOLVER = "newton-cg"
SOLVER_TOL = 1e-10
SOLVER_MAX_ITER = 200
GD_TARGET_GRADIENT_NORM = 1e-11
GD_STEP_MARGIN = 1.25
GD_MAX_STEPS = 200_000

# ---------------------------------------------------------------------------------------------------------------
# The datasets: small, fixed by their seeds, overlapping classes (so the optimum is interior even at small lambda).

def blobs(seed, centers, per_class, sd):
    rng = np.random.default_rng(seed)
    pts = []
    for k, (cx, cy) in enumerate(centers):
        xy = rng.normal([cx, cy], sd, size=(per_class, 2))
        pts.extend([x, y, k] for x, y in xy)
    return np.clip(np.array(pts, dtype=float), -EXTENT, EXTENT)  # clip only touches x1, x2 (labels < 6)


def binary_linear():
    return blobs(11, [(-1.5, -1.0), (1.5, 1.2)], 30, 1.6)


def binary_ring():
    rng = np.random.default_rng(22)
    xy = rng.uniform(-2.5, 2.5, size=(70, 2))
    r = np.hypot(xy[:, 0], xy[:, 1])
    labels = (r > 1.6).astype(float)
    flip = rng.random(70) < 0.12  # label noise
    labels[flip] = 1 - labels[flip]
    return np.column_stack([xy, labels])


def three_class_linear():
    return blobs(33, [(-3.0, -2.0), (3.0, -1.5), (0.0, 3.0)], 25, 1.5)


def five_class_sin():
    rng = np.random.default_rng(44)
    xy = rng.uniform(-EXTENT, EXTENT, size=(80, 2))
    score = np.column_stack([
        np.sin(xy[:, 0]), np.sin(xy[:, 1]), -np.sin(xy[:, 0]), 0.4 * xy[:, 0] / 3, -0.4 * xy[:, 1] / 3])
    score += rng.normal(0, 0.5, size=score.shape)
    labels = np.argmax(score, axis=1).astype(float)
    return np.column_stack([xy, labels])


def four_class_quadratic():
    return blobs(55, [(-1.2, -1.2), (1.2, -1.2), (1.2, 1.2), (-1.2, 1.2)], 15, 0.9)


def two_class_softmax():
    return blobs(66, [(-1.0, 0.5), (1.0, -0.5)], 25, 1.4)


CASES = [
    dict(name="binary sigmoid, linear features", classes=2, parameterization="sigmoid",
         features=["x1", "x2"], l2=0.05, points=binary_linear),
    dict(name="binary sigmoid, quadratic features around a noisy ring", classes=2, parameterization="sigmoid",
         features=["x1", "x2", "x1^2", "x2^2", "x1*x2"], l2=0.02, points=binary_ring),
    dict(name="3-class softmax, linear features", classes=3, parameterization="softmax",
         features=["x1", "x2"], l2=0.01, points=three_class_linear),
    dict(name="5-class softmax, linear and sine features", classes=5, parameterization="softmax",
         features=["x1", "x2", "sin(x1)", "sin(x2)"], l2=0.1, points=five_class_sin),
    dict(name="4-class softmax, all seven features", classes=4, parameterization="softmax",
         features=["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"], l2=0.5,
         points=four_class_quadratic),
    dict(name="2-class softmax (two rows, unlike sigmoid)", classes=2, parameterization="softmax",
         features=["x1", "x2"], l2=0.2, points=two_class_softmax),
]


# ---------------------------------------------------------------------------------------------------------------
# LogitLab's objective in numpy, for the value at the optimum, the gradient check and the GD budget.

def logits(X, W, b):
    return X @ W.T + b  # (N, rows)


def objective_and_gradient(X, y, W, b, l2, parameterization):
    n = X.shape[0]
    z = logits(X, W, b)
    if parameterization == "sigmoid":
        z = z[:, 0]
        loss = np.logaddexp(0.0, z) - y * z  # softplus(z) - y z
        err = (1.0 / (1.0 + np.exp(-z)) - y)[:, None]
    else:
        lse = np.logaddexp.reduce(z, axis=1)
        loss = lse - z[np.arange(n), y]
        err = np.exp(z - lse[:, None])
        err[np.arange(n), y] -= 1.0
    J = loss.mean() + 0.5 * l2 * np.sum(W * W)
    gW = err.T @ X / n + l2 * W
    gb = err.mean(axis=0)
    return J, gW, gb


def min_curvature(X, y, W, b, l2, parameterization, free=None):
    """Smallest eigenvalue of the Hessian of J at (W, b), leaving out the softmax bias-shift direction along which
    J is flat; |theta - theta*| <~ |grad J| / this. With free (a boolean per parameter, ordered row by row: w_k,
    then b_k), only over those parameters: for L1, the ones not held at zero."""
    n, d = X.shape
    Xt = np.column_stack([X, np.ones(n)])
    z = logits(X, W, b)
    if parameterization == "sigmoid":
        p = 1.0 / (1.0 + np.exp(-z[:, 0]))
        H = (Xt * (p * (1 - p))[:, None]).T @ Xt / n
        H[:d, :d] += l2 * np.eye(d)
        keep = np.arange(d + 1) if free is None else np.flatnonzero(free)
        return np.linalg.eigvalsh(H[np.ix_(keep, keep)])[0]
    k = W.shape[0]
    P = np.exp(z - np.logaddexp.reduce(z, axis=1)[:, None])
    H = np.zeros((k * (d + 1), k * (d + 1)))  # parameters ordered row by row: w_k (d entries), then b_k
    for i in range(n):
        S = np.diag(P[i]) - np.outer(P[i], P[i])
        H += np.kron(S, np.outer(Xt[i], Xt[i])) / n
    for r in range(k):
        H[r * (d + 1):r * (d + 1) + d, r * (d + 1):r * (d + 1) + d] += l2 * np.eye(d)
    shift = np.zeros(k * (d + 1))
    shift[d::d + 1] = 1 / np.sqrt(k)
    keep = np.arange(k * (d + 1)) if free is None else np.flatnonzero(free)
    H, shift = H[np.ix_(keep, keep)], shift[keep]
    Q = np.eye(len(shift)) - np.outer(shift, shift)  # project the flat direction out (it becomes eigenvalue 0)
    eig = np.linalg.eigvalsh(Q @ H @ Q)
    assert abs(eig[0]) < 1e-12
    return eig[1]


def fit_sklearn(X, y, case):
    n = X.shape[0]
    model = LogisticRegression(C=1.0 / (case["l2"] * n), solver=SOLVER, tol=SOLVER_TOL, max_iter=SOLVER_MAX_ITER,
                               multi_class="multinomial" if case["parameterization"] == "softmax" else "auto")
    with warnings.catch_warnings():
        # newton-cg may report that it "failed to converge" or that its line search hit rounding errors once the
        # gradient is at the floating-point floor; what counts is the gradient of J at its answer, checked in main().
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        warnings.simplefilter("ignore", category=LineSearchWarning)
        warnings.simplefilter("ignore", category=UserWarning)
        model.fit(X, y)
    coef, intercept = model.coef_, model.intercept_
    if case["parameterization"] == "sigmoid":
        return coef.copy(), intercept.copy()
    if case["classes"] == 2:
        # sklearn 1.2.1 keeps only class 1's row of a 2-class multinomial fit (_logistic.py:
        # multi_w0 = multi_w0[1]); at the optimum the two rows are w0 = -w1 and b0 = -b1 in the centered
        # gauge. The gradient check below confirms the rebuilt pair is a stationary point.
        W = np.vstack([-coef[0], coef[0]])
        b = np.array([-intercept[0], intercept[0]])
    else:
        W = coef.copy()
        b = intercept.copy()
    return W, b - b.mean()


def gd_budget(X, y, case):
    n = X.shape[0]
    Xt = np.column_stack([X, np.ones(n)])
    curvature = 0.25 if case["parameterization"] == "sigmoid" else 0.5
    L = curvature * np.linalg.eigvalsh(Xt.T @ Xt / n).max() + case["l2"]
    eta = 1.0 / L
    rows = 1 if case["parameterization"] == "sigmoid" else case["classes"]
    W = np.zeros((rows, X.shape[1]))
    b = np.zeros(rows)
    for step in range(GD_MAX_STEPS + 1):
        J, gW, gb = objective_and_gradient(X, y, W, b, case["l2"], case["parameterization"])
        if np.sqrt(np.sum(gW * gW) + np.sum(gb * gb)) <= GD_TARGET_GRADIENT_NORM:
            return eta, step
        W -= eta * gW
        b -= eta * gb
    raise RuntimeError(case["name"] + ": plain GD did not reach the target within " + str(GD_MAX_STEPS))


def main():
    out = []
    for case in CASES:
        points = case["points"]()
        assert points.shape[1] == 3 and 30 <= len(points) <= 80
        assert np.all(np.abs(points[:, :2]) <= EXTENT)
        y = points[:, 2].astype(int)
        assert set(y) == set(range(case["classes"])), case["name"]
        X = phi(points, case["features"])

        W, b = fit_sklearn(X, y, case)
        J, gW, gb = objective_and_gradient(X, y, W, b, case["l2"], case["parameterization"])
        grad_norm = float(np.sqrt(np.sum(gW * gW) + np.sum(gb * gb)))
        assert grad_norm < 1e-9, (case["name"], grad_norm)
        if case["parameterization"] == "softmax":
            assert np.abs(W.sum(axis=0)).max() < 1e-9, case["name"]  # weights sum to 0 over k at the optimum

        mu = min_curvature(X, y, W, b, case["l2"], case["parameterization"])
        eta, steps_needed = gd_budget(X, y, case)
        record = case_record(case, points, W, b, J, grad_norm, mu, eta, steps_needed)
        print(f"{case['name']}: N={len(points)}, |grad J| at sklearn optimum={grad_norm:.2e}, "
              f"min curvature={mu:.4f}, error bound={grad_norm / mu:.1e}, J={J:.15f}, "
              f"eta={eta:.4f}, GD steps to |grad|<={GD_TARGET_GRADIENT_NORM:g}: {steps_needed} -> budget "
              f"{record['steps']}")
        out.append(record)

    doc = {
        "generator": "src/test/resources/reference/make_reference.py",
        "solver": f"scikit-learn {sklearn.__version__} LogisticRegression(solver='{SOLVER}', tol={SOLVER_TOL:g}, "
                  f"C=1/(l2*N)), numpy {np.__version__}",
        "objective": "J = (1/N) sum CE + (l2/2) sum w^2, biases unregularized; softmax biases centered",
        "cases": out,
    }
    write_json(doc, "sklearn_optima.json")


def case_record(case, points, W, b, J, grad_norm, mu, eta, steps_needed):
    """One case as the Java tests read it: the case's own fields (l1 only where it has one), the points (x1, x2,
    label), the optimum, its quality, and the GD budget (steps_needed plus GD_STEP_MARGIN, in hundreds)."""
    record = {key: case[key] for key in ("name", "classes", "parameterization", "features", "l2", "l1") if key in case}
    record.update({
        "points": [[float(p[0]), float(p[1]), float(p[2])] for p in points],
        "weights": W.tolist(),
        "biases": b.tolist(),
        "objective": float(J),
        "referenceGradientNorm": grad_norm,
        "referenceErrorBound": grad_norm / mu,
        "learningRate": float(eta),
        "steps": int(np.ceil(steps_needed * GD_STEP_MARGIN / 100.0) * 100),
    })
    return record


def write_json(doc, name):
    """Writes doc next to this script, one line per innermost list of numbers (a point, a weight row, the biases);
    repr keeps every bit."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    text = json.dumps(doc, indent=1)
    text = re.sub(r"\[\s*(-?[0-9][-0-9.eE+]*(?:,\s*-?[0-9][-0-9.eE+]*)*)\s*\]",
                  lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    assert json.loads(text) == doc
    with open(path, "w") as f:
        f.write(text + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
