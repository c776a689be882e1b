# Re-run from the project root: /usr/bin/python3 src/test/resources/reference/make_reference.py
"""Reference optima for ReferenceOptimumTest, found by scikit-learn (an independent solver).

Each case is a small fixed dataset (seeded numpy, coordinates inside [-6, 6]) with a feature map, a number of
classes, a parameterization and an L2 strength lambda. LogitLab minimises

    J(W, b) = (1/N) sum_n CE_n + (lambda/2) sum w^2          (biases not regularized)

and sklearn's LogisticRegression minimises C * sum_n CE_n + 1/2 ||w||^2, which is N * J / (lambda N) ... i.e.
J / lambda when C = 1 / (lambda N): the same minimiser. K = 2 with "sigmoid" is sklearn's binary model (one
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

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

EXTENT = 6.0
GD_TARGET_GRADIENT_NORM = 1e-11
GD_STEP_MARGIN = 1.25
GD_MAX_STEPS = 200_000

FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}


def phi(points, features):
    x1, x2 = points[:, 0], points[:, 1]
    return np.column_stack([FEATURES[f](x1, x2) for f in features])


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


def fit_sklearn(X, y, case):
    n = X.shape[0]
    model = LogisticRegression(C=1.0 / (case["l2"] * n), solver="lbfgs", tol=1e-12, max_iter=100_000,
                               multi_class="multinomial" if case["parameterization"] == "softmax" else "auto")
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

        eta, steps_needed = gd_budget(X, y, case)
        steps = int(np.ceil(steps_needed * GD_STEP_MARGIN / 100.0) * 100)
        print(f"{case['name']}: N={len(points)}, |grad J| at sklearn optimum={grad_norm:.2e}, J={J:.15f}, "
              f"eta={eta:.4f}, GD steps to |grad|<={GD_TARGET_GRADIENT_NORM:g}: {steps_needed} -> budget {steps}")

        out.append({
            "name": case["name"],
            "classes": case["classes"],
            "parameterization": case["parameterization"],
            "features": case["features"],
            "l2": case["l2"],
            "points": [[float(p[0]), float(p[1]), float(p[2])] for p in points],
            "weights": W.tolist(),
            "biases": b.tolist(),
            "objective": float(J),
            "referenceGradientNorm": grad_norm,
            "learningRate": float(eta),
            "steps": steps,
        })

    doc = {
        "generator": "src/test/resources/reference/make_reference.py",
        "solver": f"scikit-learn {sklearn.__version__} LogisticRegression(solver='lbfgs', tol=1e-12, "
                  f"C=1/(l2*N)), numpy {np.__version__}",
        "objective": "J = (1/N) sum CE + (l2/2) sum w^2, biases unregularized; softmax biases centered",
        "cases": out,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_optima.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
