package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * With two classes, softmax over rows (w0, b0), (w1, b1) is the sigmoid of the logit difference: the same model
 * as sigmoid regression with w = w1 − w0 and b = b1 − b0.
 */
class TwoClassSoftmaxTest {
    private static final double TOLERANCE = 1e-12;

    @Property(tries = 200)
    void two_class_softmax_gives_the_probabilities_of_the_sigmoid_of_the_logit_difference(
            @ForAll("featureLists") List<Feature> features, @ForAll long seed) {
        Pair pair = Pair.random(new FeatureMap(features), seed);
        double[] zSoftmax = new double[2];
        double[] zSigmoid = new double[1];
        double[] pSoftmax = new double[2];
        double[] pSigmoid = new double[2];
        for (int n = 0; n < pair.points.size(); n++) {
            double[] phi = pair.map.apply(pair.points.x1()[n], pair.points.x2()[n]);
            pair.softmax.logits(pair.softmaxTheta, phi, 0, zSoftmax);
            pair.sigmoid.logits(pair.sigmoidTheta, phi, 0, zSigmoid);
            pair.softmax.probabilities(zSoftmax, pSoftmax);
            pair.sigmoid.probabilities(zSigmoid, pSigmoid);

            assertEquals(pSigmoid[0], pSoftmax[0], TOLERANCE, "p(y = 0) at point " + n);
            assertEquals(pSigmoid[1], pSoftmax[1], TOLERANCE, "p(y = 1) at point " + n);
            assertEquals(pair.sigmoid.predict(zSigmoid), pair.softmax.predict(zSoftmax), "prediction at point " + n);
        }
    }

    @Property(tries = 200)
    void two_class_softmax_has_the_loss_and_accuracy_of_the_sigmoid_model(
            @ForAll("featureLists") List<Feature> features, @ForAll long seed) {
        Pair pair = Pair.random(new FeatureMap(features), seed);

        Evaluation softmax = pair.softmaxObjective.evaluate(pair.softmaxTheta, 0, pair.softmax.workspace());
        Evaluation sigmoid = pair.sigmoidObjective.evaluate(pair.sigmoidTheta, 0, pair.sigmoid.workspace());

        assertEquals(sigmoid.trainLoss(), softmax.trainLoss(), TOLERANCE * Math.max(1, sigmoid.trainLoss()));
        assertEquals(sigmoid.trainAccuracy(), softmax.trainAccuracy());
    }

    /**
     * ∂L/∂z1 = ŷ1 − y1 = σ − y and ∂L/∂z0 = −(σ − y): row 1 of the softmax gradient is the sigmoid gradient
     * and row 0 its negative.
     */
    @Property(tries = 200)
    void two_class_softmax_gradient_rows_are_plus_and_minus_the_sigmoid_gradient(
            @ForAll("featureLists") List<Feature> features, @ForAll long seed) {
        Pair pair = Pair.random(new FeatureMap(features), seed);

        Parameters softmax = pair.softmaxObjective.evaluate(pair.softmaxTheta, 0, pair.softmax.workspace()).gradient();
        Parameters sigmoid = pair.sigmoidObjective.evaluate(pair.sigmoidTheta, 0, pair.sigmoid.workspace()).gradient();

        for (int i = 0; i <= pair.map.size(); i++) {
            double expected = sigmoid.get(0, i);
            double tolerance = 1e-10 * Math.max(1, Math.abs(expected));
            assertEquals(expected, softmax.get(1, i), tolerance, "row 1, parameter " + i);
            assertEquals(-expected, softmax.get(0, i), tolerance, "row 0, parameter " + i);
        }
    }

    @Provide
    Arbitrary<List<Feature>> featureLists() {
        return Arbitraries.of(Feature.class).list().uniqueElements().ofMinSize(1).ofMaxSize(Feature.values().length);
    }

    /** A random softmax model over two classes and the sigmoid model it should equal, on the same data. */
    private record Pair(FeatureMap map, Fixtures.Points points, LogisticModel softmax, LogisticModel sigmoid,
                        Parameters softmaxTheta, Parameters sigmoidTheta, Objective softmaxObjective,
                        Objective sigmoidObjective) {
        static Pair random(FeatureMap map, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            Fixtures.Points points = Fixtures.randomPoints(40, 2, random);
            LogisticModel softmax = new LogisticModel(2, Parameterization.SOFTMAX, map.size());
            LogisticModel sigmoid = new LogisticModel(2, Parameterization.SIGMOID, map.size());
            Parameters softmaxTheta = Fixtures.nonZeroParameters(2, map.size(), 0.5, random);
            double[] w = new double[map.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = softmaxTheta.weight(1, i) - softmaxTheta.weight(0, i);
            }
            Parameters sigmoidTheta = Parameters.of(1, map.size(), w,
                    new double[] {softmaxTheta.bias(1) - softmaxTheta.bias(0)});
            return new Pair(map, points, softmax, sigmoid, softmaxTheta, sigmoidTheta,
                    Fixtures.objective(softmax, map, points), Fixtures.objective(sigmoid, map, points));
        }
    }
}
