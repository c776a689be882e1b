package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.logitlab.web.api.Nodes.assertClose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.api.Textbook.Model;
import org.logitlab.web.api.Textbook.Point;

/**
 * The numbers in run states agree with the textbook formulas computed here in plain Java: losses, the
 * objective, the gradient, accuracies, the update θ ← θ − η∇J, the train/test split, and which examples the
 * stochastic optimizers look at.
 */
class ApiMathTest extends ServerTest {
    private static final double TOLERANCE = 1e-12;

    /** Eight points, both labels, small coordinates: every logit stays small. */
    static final String SIGMOID_POINTS = "[[1.5,-0.5,1],[-2,1,0],[0.3,2.2,1],[-1.1,-3,0],[4,0.5,1],[-0.7,0.9,0],"
            + "[2.5,-2.5,1],[-3.3,-1.2,0]]";
    /** Nine points in three classes. */
    static final String SOFTMAX_POINTS = "[[1,1,0],[1.5,0.5,0],[0.7,1.8,0],[-1,1,1],[-1.6,0.4,1],[-0.4,2,1],"
            + "[0.2,-1.5,2],[-0.9,-1.1,2],[1.3,-0.8,2]]";

    private static List<Point> points(String id, String split) {
        return Textbook.points(TestServer.ok(server.get("/api/runs/" + id + "/dataset")), split);
    }

    /** The state's losses, gradient and accuracies are the textbook ones over the given points. */
    private static void assertMatchesTextbook(JsonNode state, List<Point> train, List<Point> test) {
        Model m = Model.of(state);
        double l2 = state.get("l2").doubleValue();
        Textbook.Evaluation e = Textbook.evaluate(m, train, l2);
        assertClose(e.loss(), state.at("/loss/train").doubleValue(), TOLERANCE, "train loss");
        assertClose(e.objective(), state.at("/loss/objective").doubleValue(), TOLERANCE, "objective");
        assertClose(e.gradientWeights(), state.at("/gradient/weights"), TOLERANCE, "gradient weights");
        assertClose(e.gradientBiases(), state.at("/gradient/biases"), TOLERANCE, "gradient biases");
        assertClose(e.gradientNorm(), state.get("gradientNorm").doubleValue(), TOLERANCE, "gradient norm");
        assertEquals(e.accuracy(), state.at("/accuracy/train").doubleValue(), "train accuracy");
        if (test.isEmpty()) {
            assertTrue(state.at("/loss/test").isNull(), "test loss without a test split");
            assertTrue(state.at("/accuracy/test").isNull(), "test accuracy without a test split");
        } else {
            Textbook.Evaluation t = Textbook.evaluate(m, test, l2);
            assertClose(t.loss(), state.at("/loss/test").doubleValue(), TOLERANCE, "test loss");
            assertEquals(t.accuracy(), state.at("/accuracy/test").doubleValue(), "test accuracy");
        }
    }

    @Test
    void sigmoid_loss_objective_gradient_and_accuracy_are_the_textbook_ones() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + SIGMOID_POINTS + "},"
                + "\"init\":{\"weights\":[[0.3,-0.2]],\"biases\":[0.1]},\"l2\":0.05,\"learningRate\":0.2}");
        List<Point> all = points(s.get("id").asText(), null);
        assertEquals(8, all.size());
        assertMatchesTextbook(s, all, List.of());
        // Spelled out once for the first example: p = σ(0.3·1.5 − 0.2·(−0.5) + 0.1) = σ(0.65), y = 1.
        double p = 1 / (1 + Math.exp(-0.65));
        double g0 = 0;
        for (Point pt : all) {
            double z = 0.3 * pt.x1() - 0.2 * pt.x2() + 0.1;
            g0 += (1 / (1 + Math.exp(-z)) - pt.label()) * pt.x1() / 8;
        }
        assertClose(-Math.log(p), Textbook.loss(Model.of(s), all.get(0)), TOLERANCE, "first example's loss");
        assertClose(g0 + 0.05 * 0.3, s.at("/gradient/weights/0/0").doubleValue(), TOLERANCE, "∂J/∂w1");
    }

    @Test
    void softmax_loss_objective_gradient_and_accuracy_are_the_textbook_ones_with_nonlinear_features() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + SOFTMAX_POINTS + "},"
                + "\"classes\":3,\"features\":[\"x1\",\"x2\",\"x1^2\",\"x1*x2\",\"sin(x2)\"],\"init\":\"random\","
                + "\"l2\":0.1,\"learningRate\":0.3,\"step\":4}");
        assertEquals("softmax", s.get("parameterization").asText());
        assertEquals(3, s.get("weights").size());
        assertEquals(5, s.get("weights").get(0).size());
        assertMatchesTextbook(s, points(s.get("id").asText(), null), List.of());
    }

    @Test
    void one_batch_step_subtracts_the_learning_rate_times_the_gradient_exactly() {
        JsonNode before = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + SOFTMAX_POINTS + "},"
                + "\"classes\":3,\"init\":\"random\",\"l2\":0.2,\"learningRate\":0.7}");
        String id = before.get("id").asText();
        JsonNode after = TestServer.ok(server.postJson("/api/runs/" + id + "/step", null));
        assertEquals(1, after.get("step").asLong());
        double eta = 0.7;
        double[][] w = Nodes.matrix(before.get("weights"));
        double[][] g = Nodes.matrix(before.at("/gradient/weights"));
        double[] b = Nodes.vector(before.get("biases"));
        double[] gb = Nodes.vector(before.at("/gradient/biases"));
        for (int r = 0; r < w.length; r++) {
            double[] expected = new double[w[r].length];
            for (int j = 0; j < expected.length; j++) {
                expected[j] = w[r][j] - eta * g[r][j];
            }
            assertArrayEquals(expected, Nodes.vector(after.get("weights").get(r)), "row " + r);
        }
        double[] expectedBiases = new double[b.length];
        for (int r = 0; r < b.length; r++) {
            expectedBiases[r] = b[r] - eta * gb[r];
        }
        assertArrayEquals(expectedBiases, Nodes.vector(after.get("biases")));
        assertMatchesTextbook(after, points(id, null), List.of());
    }

    @Test
    void the_loss_falls_on_separable_data_with_a_small_step() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + SIGMOID_POINTS + "},"
                + "\"learningRate\":0.05}");
        String id = s.get("id").asText();
        JsonNode history = TestServer.ok(server.get("/api/runs/" + id + "/history")).get("steps");
        assertEquals(1, history.size());
        TestServer.ok(server.postJson("/api/runs/" + id + "/step", "{\"count\":30}"));
        JsonNode rows = TestServer.ok(server.get("/api/runs/" + id + "/history")).get("steps");
        assertEquals(31, rows.size());
        for (int t = 1; t < rows.size(); t++) {
            double now = rows.get(t).at("/loss/objective").doubleValue();
            double before = rows.get(t - 1).at("/loss/objective").doubleValue();
            assertTrue(now < before, "objective fell at step " + t + ": " + before + " -> " + now);
        }
    }

    @Test
    void train_and_test_losses_are_measured_on_the_points_the_dataset_route_marks() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"blobs\",\"n\":40,\"noise\":0.4,\"seed\":7},"
                + "\"classes\":3,\"testFraction\":0.25,\"seed\":11,\"l2\":0.01,\"learningRate\":0.05,\"step\":5}");
        String id = s.get("id").asText();
        List<Point> train = points(id, "train");
        List<Point> test = points(id, "test");
        assertEquals(30, train.size());
        assertEquals(10, test.size());
        assertMatchesTextbook(s, train, test);
    }

    /** The gradient one step used, recovered from the weights before and after: (θ_t − θ_{t+1})/η − λw_t. */
    private static double[] usedGradient(JsonNode before, JsonNode after, double eta, double l2) {
        double[][] w0 = Nodes.matrix(before.get("weights"));
        double[][] w1 = Nodes.matrix(after.get("weights"));
        double[] b0 = Nodes.vector(before.get("biases"));
        double[] b1 = Nodes.vector(after.get("biases"));
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < w0.length; r++) {
            for (int j = 0; j < w0[r].length; j++) {
                out.add((w0[r][j] - w1[r][j]) / eta - l2 * w0[r][j]);
            }
            out.add((b0[r] - b1[r]) / eta);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The mean unregularized gradient of the given examples, laid out as {@link #usedGradient}. */
    private static double[] meanGradient(Model m, List<Point> batch) {
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < m.rows(); r++) {
            for (int j = 0; j <= m.features().size(); j++) {
                double sum = 0;
                for (Point p : batch) {
                    sum += j == m.features().size() ? Textbook.error(m, p)[r] : Textbook.gradientWeights(m, p)[r][j];
                }
                out.add(sum / batch.size());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static boolean close(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    @Test
    void sgd_steps_use_one_training_example_each_and_every_training_example_once_per_epoch() {
        double eta = 0.5;
        double l2 = 0.01;
        JsonNode state = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + SOFTMAX_POINTS + "},"
                + "\"classes\":3,\"optimizer\":\"sgd\",\"learningRate\":0.5,\"l2\":0.01,\"init\":\"random\","
                + "\"testFraction\":0.34,\"seed\":5}");
        String id = state.get("id").asText();
        List<Point> all = points(id, null);
        Set<Point> test = new HashSet<>(points(id, "test"));
        assertEquals(3, test.size());
        Set<Point> used = new HashSet<>();
        for (int t = 0; t < 6; t++) {
            JsonNode next = TestServer.ok(server.postJson("/api/runs/" + id + "/step", null));
            double[] g = usedGradient(state, next, eta, l2);
            Model m = Model.of(state);
            List<Point> matches = all.stream().filter(p -> close(meanGradient(m, List.of(p)), g)).toList();
            assertEquals(1, matches.size(), "step " + t + " used exactly one example, found " + matches);
            assertFalse(test.contains(matches.get(0)), "step " + t + " used a test example " + matches.get(0));
            assertTrue(used.add(matches.get(0)), "step " + t + " reused " + matches.get(0) + " within the epoch");
            state = next;
        }
        assertEquals(6, used.size());
    }

    @Test
    void minibatch_steps_walk_disjoint_batches_that_cover_the_training_set_each_epoch() {
        double eta = 0.4;
        JsonNode state = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + SOFTMAX_POINTS + "},"
                + "\"classes\":3,\"optimizer\":\"minibatch\",\"batchSize\":3,\"learningRate\":0.4,\"init\":\"random\","
                + "\"seed\":3}");
        String id = state.get("id").asText();
        List<Point> all = points(id, null);
        Set<Point> used = new HashSet<>();
        for (int t = 0; t < 3; t++) {
            JsonNode next = TestServer.ok(server.postJson("/api/runs/" + id + "/step", null));
            double[] g = usedGradient(state, next, eta, 0);
            Model m = Model.of(state);
            List<List<Point>> matches = new ArrayList<>();
            for (int a = 0; a < all.size(); a++) {
                for (int b = a + 1; b < all.size(); b++) {
                    for (int c = b + 1; c < all.size(); c++) {
                        List<Point> batch = List.of(all.get(a), all.get(b), all.get(c));
                        if (close(meanGradient(m, batch), g)) {
                            matches.add(batch);
                        }
                    }
                }
            }
            assertEquals(1, matches.size(), "step " + t + " is the mean over exactly one batch of 3: " + matches);
            for (Point p : matches.get(0)) {
                assertTrue(used.add(p), "step " + t + " reused " + p + " within the epoch");
            }
            state = next;
        }
        assertEquals(new HashSet<>(all), used);
    }
}
