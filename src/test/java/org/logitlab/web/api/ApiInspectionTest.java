package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.logitlab.web.api.Nodes.assertClose;

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
 * {@code examples/{i}} and {@code weights/{k}/{i}}: one example's chain rule, and one parameter's gradient taken
 * apart.
 */
class ApiInspectionTest extends ServerTest {
    private static final double TOLERANCE = 1e-12;

    private static JsonNode example(String id, int i) {
        return TestServer.ok(server.get("/api/runs/" + id + "/examples/" + i));
    }

    private static JsonNode weight(String id, int k, int i) {
        return TestServer.ok(server.get("/api/runs/" + id + "/weights/" + k + "/" + i));
    }

    /** Every example of the run: its answer agrees with the textbook chain rule at the run's current weights. */
    private static void assertEveryExampleFollowsTheChainRule(JsonNode state) {
        String id = state.get("id").asText();
        Model m = Model.of(state);
        int classes = state.get("classes").asInt();
        JsonNode dataset = TestServer.ok(server.get("/api/runs/" + id + "/dataset"));
        List<Point> points = Textbook.points(dataset, null);
        for (int i = 0; i < points.size(); i++) {
            JsonNode e = example(id, i);
            Point p = points.get(i);
            String where = "example " + i;
            assertEquals(p.x1(), e.at("/x/0").doubleValue(), where);
            assertEquals(p.x2(), e.at("/x/1").doubleValue(), where);
            assertEquals(p.label(), e.get("label").asInt(), where);
            assertEquals(dataset.at("/split/" + i).asText(), e.get("split").asText(), where);

            double[] phi = Textbook.phi(m.features(), p.x1(), p.x2());
            assertClose(phi, e.get("features"), 1e-15, where + " features");
            assertClose(Textbook.logits(m, phi), e.get("logits"), TOLERANCE, where + " logits");

            double[] probabilities = Nodes.vector(e.get("probabilities"));
            assertEquals(classes, probabilities.length, where + ": one probability per class, even for sigmoid");
            double sum = 0;
            for (double q : probabilities) {
                assertTrue(q >= 0 && q <= 1, where + " probability " + q);
                sum += q;
            }
            assertClose(1.0, sum, TOLERANCE, where + " probabilities sum to 1");
            assertClose(Textbook.probabilities(m, Textbook.logits(m, phi)), e.get("probabilities"), TOLERANCE,
                    where + " probabilities");

            double loss = e.get("loss").doubleValue();
            assertClose(-Math.log(probabilities[p.label()]), loss, TOLERANCE, where + " loss = −log p_label");
            assertClose(Textbook.loss(m, p), loss, TOLERANCE, where + " textbook loss");

            // (p − y)φ for each weight vector, from the answer's own probabilities.
            JsonNode gw = e.at("/gradient/weights");
            JsonNode gb = e.at("/gradient/biases");
            assertEquals(m.rows(), gw.size(), where + " gradient rows");
            for (int r = 0; r < m.rows(); r++) {
                double error = m.sigmoid() ? probabilities[1] - p.label()
                        : probabilities[r] - (r == p.label() ? 1 : 0);
                assertClose(error, gb.get(r).doubleValue(), TOLERANCE, where + " ∂loss/∂b_" + r);
                for (int j = 0; j < phi.length; j++) {
                    assertClose(error * phi[j], gw.get(r).get(j).doubleValue(), TOLERANCE,
                            where + " ∂loss/∂w_" + r + "," + j);
                }
            }
        }
    }

    @Test
    void every_softmax_example_has_probabilities_summing_to_one_loss_minus_log_p_and_gradient_p_minus_y_times_phi() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + ApiMathTest.SOFTMAX_POINTS
                + "},\"classes\":3,\"features\":[\"x1\",\"x2\",\"x2^2\",\"x1*x2\",\"sin(x1)\"],\"init\":\"random\","
                + "\"testFraction\":0.3,\"l2\":0.05,\"step\":7}");
        assertEveryExampleFollowsTheChainRule(s);
    }

    @Test
    void every_sigmoid_example_reports_both_class_probabilities_and_one_gradient_row() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + ApiMathTest.SIGMOID_POINTS
                + "},\"init\":\"random\",\"step\":3,\"learningRate\":0.3}");
        assertEveryExampleFollowsTheChainRule(s);
        JsonNode e = example(s.get("id").asText(), 2);
        assertEquals(1, e.get("logits").size());
        assertEquals(2, e.get("probabilities").size());
        assertClose(1 / (1 + Math.exp(-e.at("/logits/0").doubleValue())), e.at("/probabilities/1").doubleValue(),
                TOLERANCE, "p(y = 1) = σ(z)");
        assertEquals(1, e.at("/gradient/weights").size());
    }

    @Test
    void the_state_gradient_is_the_mean_of_the_training_examples_gradients_plus_l2_times_w() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + ApiMathTest.SOFTMAX_POINTS
                + "},\"classes\":3,\"init\":\"random\",\"testFraction\":0.3,\"l2\":0.3,\"step\":2}");
        String id = s.get("id").asText();
        JsonNode dataset = TestServer.ok(server.get("/api/runs/" + id + "/dataset"));
        double[][] w = Nodes.matrix(s.get("weights"));
        double[][] sum = new double[w.length][w[0].length];
        double[] biasSum = new double[w.length];
        int n = 0;
        for (int i = 0; i < dataset.get("points").size(); i++) {
            if (!"train".equals(dataset.at("/split/" + i).asText())) {
                continue;
            }
            n++;
            JsonNode g = example(id, i).get("gradient");
            for (int r = 0; r < w.length; r++) {
                biasSum[r] += g.at("/biases/" + r).doubleValue();
                for (int j = 0; j < w[r].length; j++) {
                    sum[r][j] += g.get("weights").get(r).get(j).doubleValue();
                }
            }
        }
        assertEquals(7, n, "9 points with testFraction 0.3 leave 7 for training");
        for (int r = 0; r < w.length; r++) {
            assertClose(biasSum[r] / n, s.at("/gradient/biases/" + r).doubleValue(), TOLERANCE, "bias " + r);
            for (int j = 0; j < w[r].length; j++) {
                assertClose(sum[r][j] / n + 0.3 * w[r][j], s.at("/gradient/weights/" + r + "/" + j).doubleValue(),
                        TOLERANCE, "weight " + r + "," + j);
            }
        }
    }

    /** One parameter's answer: its parts add up, it agrees with finite differences, the top list is sorted. */
    private static void assertWeightTakenApart(JsonNode state, int k, int i, Set<Integer> trainPoints) {
        String id = state.get("id").asText();
        int dimension = state.get("features").size();
        boolean bias = i == dimension;
        double l2 = state.get("l2").doubleValue();
        JsonNode a = weight(id, k, i);
        String where = "θ[" + k + "," + i + "]";
        assertEquals(k, a.get("k").asInt());
        assertEquals(i, a.get("i").asInt());
        double stateWeight = bias ? state.at("/biases/" + k).doubleValue()
                : state.at("/weights/" + k + "/" + i).doubleValue();
        double stateGradient = bias ? state.at("/gradient/biases/" + k).doubleValue()
                : state.at("/gradient/weights/" + k + "/" + i).doubleValue();
        assertEquals(stateWeight, a.get("weight").doubleValue(), where + " weight");
        double gradient = a.get("gradient").doubleValue();
        assertClose(stateGradient, gradient, TOLERANCE, where + " gradient is the state's");
        assertEquals(bias ? 0.0 : l2 * stateWeight, a.get("regularization").doubleValue(), where + " λw");

        JsonNode top = a.get("contributions");
        assertEquals(Math.min(10, trainPoints.size()), top.size(), where + " top contributions");
        double total = a.get("otherContributions").doubleValue() + a.get("regularization").doubleValue();
        Set<Integer> seen = new HashSet<>();
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode c : top) {
            int index = c.get("index").asInt();
            double value = c.get("value").doubleValue();
            assertTrue(trainPoints.contains(index), where + ": contribution from a non-training point " + index);
            assertTrue(seen.add(index), where + ": point " + index + " listed twice");
            assertTrue(Math.abs(value) <= previous, where + ": contributions not sorted by |value|: " + top);
            previous = Math.abs(value);
            // The n-th term of (1/N) Σ (ŷ − y) φ: that example's own gradient over N.
            JsonNode g = example(id, index).get("gradient");
            double own = bias ? g.at("/biases/" + k).doubleValue() : g.at("/weights/" + k + "/" + i).doubleValue();
            assertClose(own / trainPoints.size(), value, TOLERANCE, where + " contribution of point " + index);
            total += value;
        }
        if (trainPoints.size() <= 10) {
            assertEquals(0.0, a.get("otherContributions").doubleValue(), where + ": nothing left over");
        }
        assertClose(gradient, total, TOLERANCE, where + ": top + other + regularization = gradient");
        double numerical = a.get("numericalGradient").doubleValue();
        assertTrue(Math.abs(numerical - gradient) <= 1e-6 * Math.max(1, Math.abs(gradient)),
                where + ": numerical " + numerical + " vs analytic " + gradient);
    }

    private static Set<Integer> trainPoints(String id) {
        JsonNode split = TestServer.ok(server.get("/api/runs/" + id + "/dataset")).get("split");
        Set<Integer> train = new HashSet<>();
        for (int i = 0; i < split.size(); i++) {
            if ("train".equals(split.get(i).asText())) {
                train.add(i);
            }
        }
        return train;
    }

    @Test
    void every_softmax_parameter_is_its_top_contributions_plus_the_rest_plus_regularization() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"blobs\",\"n\":60,\"noise\":0.5},\"classes\":3,"
                + "\"features\":[\"x1\",\"x2\",\"x1*x2\"],\"init\":\"random\",\"testFraction\":0.2,\"l2\":0.07,"
                + "\"learningRate\":0.05,\"step\":9}");
        Set<Integer> train = trainPoints(s.get("id").asText());
        assertEquals(48, train.size());
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i <= 3; i++) {
                assertWeightTakenApart(s, k, i, train);
            }
        }
    }

    @Test
    void every_sigmoid_parameter_on_a_small_set_lists_all_its_contributions_and_nothing_else() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + ApiMathTest.SIGMOID_POINTS
                + "},\"features\":[\"x1\",\"x2^2\"],\"init\":\"random\",\"l2\":0.5,\"step\":4}");
        Set<Integer> train = trainPoints(s.get("id").asText());
        assertEquals(8, train.size());
        for (int i = 0; i <= 2; i++) {
            assertWeightTakenApart(s, 0, i, train);
        }
    }

    @Test
    void the_bias_is_the_parameter_after_the_last_feature_and_is_not_regularized() {
        JsonNode s = server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + ApiMathTest.SIGMOID_POINTS
                + "},\"init\":{\"weights\":[[0.5,-0.5]],\"biases\":[0.25]},\"l2\":2}");
        JsonNode a = weight(s.get("id").asText(), 0, 2);
        assertEquals(0.25, a.get("weight").doubleValue());
        assertEquals(0.0, a.get("regularization").doubleValue());
        JsonNode w = weight(s.get("id").asText(), 0, 1);
        assertEquals(-0.5, w.get("weight").doubleValue());
        assertEquals(-1.0, w.get("regularization").doubleValue());
        assertFalse(a.get("contributions").isEmpty());
    }
}
