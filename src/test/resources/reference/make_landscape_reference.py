# Re-run from the project root: /usr/bin/python3 src/test/resources/reference/make_landscape_reference.py
"""Reference loss landscapes for LandscapeReferenceTest, computed in plain numpy (an independent implementation).

Each case is a small fixed dataset (seeded numpy, coordinates inside [-6, 6]) with a feature map, K classes, a
parameterization, fixed parameters theta, an L2 strength lambda and an L1 strength lambda1, and two parameters a and b
given as [row, index] (index == number of features means that row's bias). For every a in a_values and b in b_values
(each equally spaced, as LogitLab's grids are), with every other parameter at theta, the script writes

    J = (1/N) sum_n CE_n + (lambda/2) sum w^2 + lambda1 sum |w|          (biases not penalized)

where CE_n is -log sigma(z) or -log(1 - sigma(z)) for "sigmoid" (one weight row, z = w.phi + b), written as
logaddexp(0, -z) and logaddexp(0, z), and log sum_k exp(z_k) - z_c for "softmax" (K rows), shifted by max_k z_k.
The features are computed in numpy from x1 and x2 (feature_map.py), not read from LogitLab.
"""

import json
import os

import numpy as np

from feature_map import phi

def objective(phis, labels, parameterization, weights, biases, l2, l1):
    z = phis @ weights.T + biases
    if parameterization == "sigmoid":
        z = z[:, 0]
        losses = np.where(labels == 1, np.logaddexp(0.0, -z), np.logaddexp(0.0, z))
    else:
        top = z.max(axis=1)
        lse = top + np.log(np.exp(z - top[:, None]).sum(axis=1))
        losses = lse - z[np.arange(len(labels)), labels]
    return losses.mean() + 0.5 * l2 * np.sum(weights ** 2) + l1 * np.sum(np.abs(weights))


def with_value(weights, biases, parameter, value):
    row, index = parameter
    if index == weights.shape[1]:
        biases[row] = value
    else:
        weights[row, index] = value


def case(name, seed, n, classes, parameterization, features, scale, l2, l1, a, b, a_offsets, b_offsets,
         confident=False):
    """Labels round-robin, or with confident=True the class theta itself predicts (so every loss is small)."""
    rng = np.random.default_rng(seed)
    points = rng.uniform(-6, 6, size=(n, 2))
    labels = np.arange(n) % classes
    rows = 1 if parameterization == "sigmoid" else classes
    weights = rng.uniform(-scale, scale, size=(rows, len(features)))
    biases = rng.uniform(-scale, scale, size=rows)
    features_of_points = phi(points, features)
    if confident:
        z = features_of_points @ weights.T + biases
        labels = (z[:, 0] > 0).astype(int) if parameterization == "sigmoid" else z.argmax(axis=1)
    current_a = weights[a[0], a[1]] if a[1] < len(features) else biases[a[0]]
    current_b = weights[b[0], b[1]] if b[1] < len(features) else biases[b[0]]
    a_values = [current_a + d for d in a_offsets]
    b_values = [current_b + d for d in b_offsets]
    grid = []
    for va in a_values:
        column = []
        for vb in b_values:
            w, bias = weights.copy(), biases.copy()
            with_value(w, bias, a, va)
            with_value(w, bias, b, vb)
            column.append(float(objective(features_of_points, labels, parameterization, w, bias, l2, l1)))
        grid.append(column)
    return {
        "name": name, "classes": classes, "parameterization": parameterization, "features": features,
        "l2": l2, "l1": l1,
        "points": [[float(p[0]), float(p[1]), int(y)] for p, y in zip(points, labels)],
        "weights": weights.tolist(), "biases": biases.tolist(),
        "a": list(a), "b": list(b),
        "aValues": [float(v) for v in a_values], "bValues": [float(v) for v in b_values],
        "objective": grid,
    }


def main():
    spread = [-1.5, -0.75, 0.0, 0.75, 1.5]
    cases = [
        case("sigmoid, a weight and the bias, L2", 1, 30, 2, "sigmoid", ["x1", "x2", "x1^2"], 0.5, 0.1, 0.0,
             (0, 0), (0, 3), spread, [-2.0, -0.5, 1.0, 2.5]),
        case("softmax K=3, a weight against another row's bias, L2", 2, 40, 3, "softmax", ["x1", "x2", "sin(x1)"],
             1.0, 0.05, 0.0, (1, 2), (2, 3), spread, [-1.0, 0.75, 2.5]),
        case("softmax K=4, weights of two rows, L2 and L1", 3, 35, 4, "softmax", ["x1*x2", "x2^2"], 0.3, 0.2, 0.03,
             (0, 0), (3, 1), [-0.4, 0.0, 0.4], [-0.2, -0.1, 0.0, 0.1]),
        case("softmax K=3, two weights of one row, L2", 4, 25, 3, "softmax", ["x1", "x2", "sin(x2)"], 1.0, 0.01, 0.0,
             (1, 0), (1, 1), spread, spread),
        case("softmax K=5, logits hundreds apart, no penalty", 5, 30, 5, "softmax",
             ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"], 20.0, 0.0, 0.0,
             (2, 2), (4, 7), [-40.0, 10.0, 60.0], [-300.0, 100.0, 500.0]),
        case("sigmoid, theta predicts every label, small losses", 6, 40, 2, "sigmoid", ["x1", "x2"], 4.0, 0.0, 0.0,
             (0, 1), (0, 2), [-0.5, 0.0, 0.5, 1.0], [-1.0, 0.0, 1.0], confident=True),
        case("softmax K=4, theta predicts every label, small losses, L2", 7, 40, 4, "softmax",
             ["x1", "x2", "x1^2"], 5.0, 0.001, 0.0, (3, 2), (0, 3), [-0.2, 0.1, 0.4], [-2.0, 0.0, 2.0, 4.0],
             confident=True),
    ]
    out = {"tool": "numpy " + np.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "landscape_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
