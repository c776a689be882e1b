package org.logitlab.web.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Logistic and softmax regression written straight from the textbook formulas, independently of the core, as
 * the reference the API's numbers are checked against. Plain {@link Math}, no tricks for stability: the test data
 * keep every logit small.
 *
 * <ul>
 *   <li>sigmoid: p = σ(w·φ + b), loss −[y log p + (1−y) log(1−p)], ∂loss/∂w = (p − y) φ, ∂loss/∂b = p − y</li>
 *   <li>softmax: ŷ_k = e^{z_k} / Σ_j e^{z_j}, loss −log ŷ_c, ∂loss/∂w_k = (ŷ_k − y_k) φ, ∂loss/∂b_k = ŷ_k − y_k</li>
 *   <li>J = mean loss + (λ/2) Σ w² (biases not regularized), ∇J = mean gradient + λw</li>
 * </ul>
 */
final class Textbook {
    private Textbook() {
    }

    record Point(double x1, double x2, int label) {
    }

    /** The model a run state describes. */
    record Model(String parameterization, int classes, List<String> features, double[][] weights, double[] biases) {
        static Model of(JsonNode state) {
            List<String> features = new ArrayList<>();
            state.get("features").forEach(f -> features.add(f.asText()));
            return new Model(state.get("parameterization").asText(), state.get("classes").asInt(), features,
                    Nodes.matrix(state.get("weights")), Nodes.vector(state.get("biases")));
        }

        boolean sigmoid() {
            return "sigmoid".equals(parameterization);
        }

        int rows() {
            return weights.length;
        }
    }

    /** What the objective and its gradient are over a set of points. */
    record Evaluation(double loss, double objective, double[][] gradientWeights, double[] gradientBiases,
                      double gradientNorm, double accuracy) {
    }

    static double[] phi(List<String> features, double x1, double x2) {
        double[] out = new double[features.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = switch (features.get(j)) {
                case "x1" -> x1;
                case "x2" -> x2;
                case "x1^2" -> x1 * x1;
                case "x2^2" -> x2 * x2;
                case "x1*x2" -> x1 * x2;
                case "sin(x1)" -> Math.sin(x1);
                case "sin(x2)" -> Math.sin(x2);
                default -> throw new IllegalArgumentException(features.get(j));
            };
        }
        return out;
    }

    static double[] logits(Model m, double[] phi) {
        double[] z = new double[m.rows()];
        for (int r = 0; r < z.length; r++) {
            z[r] = m.biases()[r];
            for (int j = 0; j < phi.length; j++) {
                z[r] += m.weights()[r][j] * phi[j];
            }
        }
        return z;
    }

    /** The K class probabilities; for sigmoid [1 − p, p]. */
    static double[] probabilities(Model m, double[] z) {
        if (m.sigmoid()) {
            double p = 1 / (1 + Math.exp(-z[0]));
            return new double[] {1 - p, p};
        }
        double total = 0;
        for (double v : z) {
            total += Math.exp(v);
        }
        double[] out = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            out[k] = Math.exp(z[k]) / total;
        }
        return out;
    }

    static double loss(Model m, Point point) {
        double[] p = probabilities(m, logits(m, phi(m.features(), point.x1(), point.x2())));
        if (m.sigmoid()) {
            double y = point.label();
            return -(y * Math.log(p[1]) + (1 - y) * Math.log(1 - p[1]));
        }
        return -Math.log(p[point.label()]);
    }

    /** ∂loss/∂z_r: σ(z) − y for sigmoid, ŷ_k − y_k for softmax. */
    static double[] error(Model m, Point point) {
        double[] p = probabilities(m, logits(m, phi(m.features(), point.x1(), point.x2())));
        if (m.sigmoid()) {
            return new double[] {p[1] - point.label()};
        }
        double[] e = new double[m.rows()];
        for (int k = 0; k < e.length; k++) {
            e[k] = p[k] - (k == point.label() ? 1 : 0);
        }
        return e;
    }

    /** One example's unaveraged, unregularized gradient with respect to the weights: error_r · φ. */
    static double[][] gradientWeights(Model m, Point point) {
        double[] phi = phi(m.features(), point.x1(), point.x2());
        double[] e = error(m, point);
        double[][] g = new double[m.rows()][phi.length];
        for (int r = 0; r < g.length; r++) {
            for (int j = 0; j < phi.length; j++) {
                g[r][j] = e[r] * phi[j];
            }
        }
        return g;
    }

    static int predict(Model m, Point point) {
        double[] z = logits(m, phi(m.features(), point.x1(), point.x2()));
        if (m.sigmoid()) {
            return z[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    static Evaluation evaluate(Model m, List<Point> points, double l2) {
        int n = points.size();
        int d = m.features().size();
        double loss = 0;
        int correct = 0;
        double[][] gw = new double[m.rows()][d];
        double[] gb = new double[m.rows()];
        for (Point p : points) {
            loss += loss(m, p);
            correct += predict(m, p) == p.label() ? 1 : 0;
            double[][] g = gradientWeights(m, p);
            double[] e = error(m, p);
            for (int r = 0; r < m.rows(); r++) {
                gb[r] += e[r] / n;
                for (int j = 0; j < d; j++) {
                    gw[r][j] += g[r][j] / n;
                }
            }
        }
        double squares = 0;
        for (int r = 0; r < m.rows(); r++) {
            for (int j = 0; j < d; j++) {
                gw[r][j] += l2 * m.weights()[r][j];
                squares += m.weights()[r][j] * m.weights()[r][j];
            }
        }
        double norm = 0;
        for (int r = 0; r < m.rows(); r++) {
            norm += gb[r] * gb[r];
            for (int j = 0; j < d; j++) {
                norm += gw[r][j] * gw[r][j];
            }
        }
        return new Evaluation(loss / n, loss / n + 0.5 * l2 * squares, gw, gb, Math.sqrt(norm),
                (double) correct / n);
    }

    /** The points of a {@code GET /api/runs/{id}/dataset} answer, and which of them are in the given split. */
    static List<Point> points(JsonNode dataset, String split) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < dataset.get("points").size(); i++) {
            if (split == null || split.equals(dataset.get("split").get(i).asText())) {
                JsonNode p = dataset.get("points").get(i);
                out.add(new Point(p.get(0).doubleValue(), p.get(1).doubleValue(), p.get(2).asInt()));
            }
        }
        return out;
    }
}
