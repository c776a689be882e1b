package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.logitlab.data.DatasetSpec;

/**
 * Batch gradient descent must land on the same optimum as an independent solver: scikit-learn's
 * {@code LogisticRegression}, run on small fixed datasets by two scripts in {@code src/test/resources/reference/}.
 * <ul>
 *   <li>{@code make_reference.py} → {@code sklearn_optima.json}: L2 only, truncated Newton with C = 1/(λ₂N), which
 *   minimises N·J.</li>
 *   <li>{@code make_l1_reference.py} → {@code sklearn_l1_optima.json}: with L1 (λ₁ > 0), saga with
 *   {@code penalty="l1"} and C = 1/(λ₁N), or {@code penalty="elasticnet"} where λ₂ > 0 too; every case has weights
 *   that are zero at the optimum. The script checks sklearn's answer against the optimality conditions of J and
 *   against its own proximal gradient descent.</li>
 * </ul>
 * Each script wrote every case's points, features, K, parameterization, λs, sklearn's weights and biases (softmax
 * biases centered), J there computed in numpy, and a gradient-descent budget: η = 1/L with
 * L = c·λ_max((1/N) Σ [φ;1][φ;1]ᵀ) + λ₂ bounding the Hessian of J_smooth (c = 1/4 sigmoid, 1/2 softmax), and a step
 * count that takes plain (or, with L1, proximal) GD from zeros to a gradient norm ≤ 1e-11, plus 25%. The budget only
 * says how long to run; every value compared against comes from sklearn.
 *
 * <p>Tolerances. The reference itself is good to |θ − θ*| ≤ referenceGradientNorm / μ ≤ 1.1e-8 (μ the smallest
 * curvature of J at the optimum, over the non-zero weights and the biases; the scripts record both as
 * {@code referenceGradientNorm} and {@code referenceErrorBound}), and GD stopped at a gradient norm ≈ 1e-11 is within
 * about 1e-11 / μ ≤ 1.2e-9 of θ*. So 1e-6 on every weight and bias leaves a wide margin while still catching any
 * wrong gradient term, a missing factor of 1/N or λ, or a regularized bias; J agrees to 1e-9 (the gap is second
 * order). With L1 the gradient norm is that of the minimum-norm subgradient ({@link Evaluation#gradientNorm()}),
 * and a weight sklearn sets to zero must be exactly 0.0 here: the scripts require |∂J_smooth/∂w| ≤ λ₁ − 1e-3 there,
 * so the proximal step holds it at zero with room to spare.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReferenceOptimumTest {
    private static final List<String> RESOURCES = List.of("/reference/sklearn_optima.json",
            "/reference/sklearn_l1_optima.json");
    private static final double PARAMETER_TOLERANCE = 1e-6;
    private static final double OBJECTIVE_TOLERANCE = 1e-9;
    private static final double GRADIENT_NORM_BOUND = 1e-7;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReferenceFile(String solver, List<ReferenceCase> cases) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReferenceCase(String name, int classes, String parameterization, List<String> features, double l2,
                         double l1, List<double[]> points, double[][] weights, double[] biases, double objective,
                         double referenceGradientNorm, double learningRate, int steps) {
    }

    static Stream<Named<ReferenceCase>> cases() throws IOException {
        Stream.Builder<Named<ReferenceCase>> cases = Stream.builder();
        for (String resource : RESOURCES) {
            try (InputStream in = ReferenceOptimumTest.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing; run the script beside it");
                }
                ReferenceFile file = new ObjectMapper().readValue(in, ReferenceFile.class);
                assertTrue(file.cases().size() >= 4, resource + " should hold at least 4 cases");
                file.cases().forEach(c -> cases.add(Named.of(c.name(), c)));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batch_gradient_descent_reaches_the_optimum_scikit_learn_finds(ReferenceCase c) {
        RunSnapshot end = new TrainingRun(config(c, c.points(), new Init.Zeros())).goTo(c.steps());

        assertEquals(RunStatus.OK, end.status());
        assertEquals(c.steps(), end.step());
        assertTrue(end.evaluation().gradientNorm() < GRADIENT_NORM_BOUND,
                () -> "|∇J| after " + c.steps() + " steps is " + end.evaluation().gradientNorm());
        assertParametersMatch(c, end.parameters());
        assertEquals(c.objective(), end.evaluation().objective(), OBJECTIVE_TOLERANCE, "J at the optimum");
        for (int r = 0; r < c.weights().length; r++) {
            for (int i = 0; i < c.features().size(); i++) {
                if (c.weights()[r][i] == 0.0) {
                    assertEquals(0.0, end.parameters().weight(r, i), "sklearn's zero weight (" + r + ", " + i + ")");
                }
            }
        }
    }

    /** The other direction: LogitLab's own gradient and objective, evaluated at sklearn's answer. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_gradient_vanishes_and_the_objective_agrees_at_the_optimum_scikit_learn_finds(ReferenceCase c) {
        Parameters reference = Parameters.ofRows(c.weights(), c.biases());
        Evaluation atReference = new TrainingRun(config(c, c.points(), new Init.Explicit(reference))).snapshot()
                .evaluation();

        // numpy found a gradient norm ≤ 2.4e-10 here; LogitLab's (StrictMath, other summation order) must agree.
        assertTrue(atReference.gradientNorm() < 1e-9,
                () -> "LogitLab's gradient norm at sklearn's optimum is " + atReference.gradientNorm()
                        + " (numpy: " + c.referenceGradientNorm() + ")");
        assertEquals(c.objective(), atReference.objective(), 1e-12, "J at sklearn's optimum, LogitLab vs numpy");
    }

    /** Batch GD on {@code points} with the case's features, K, parameterization, λs and learning rate. */
    static RunConfig config(ReferenceCase c, List<double[]> points, Init init) {
        List<Feature> features = c.features().stream()
                .map(key -> Feature.byKey(key).orElseThrow(() -> new IllegalArgumentException("feature " + key)))
                .toList();
        return RunConfig.of(DatasetSpec.custom(points), c.classes(), Parameterization.byKey(c.parameterization()),
                new FeatureMap(features), Optimizer.BATCH, 10,
                new Hyperparameters(c.learningRate(), c.l2(), c.l1()), 0.0, 1L, init);
    }

    /**
     * Every weight and bias within {@link #PARAMETER_TOLERANCE}. Softmax biases are compared centered: adding
     * one constant to every b_k changes no prediction, so only the centered biases are identified (GD from zeros
     * keeps Σ_k b_k = 0 up to rounding anyway). With λ > 0 the weights are unique and compared as they are.
     */
    static void assertParametersMatch(ReferenceCase c, Parameters actual) {
        int rows = c.weights().length;
        assertEquals(rows, actual.rows(), "rows");
        assertEquals(c.features().size(), actual.dimension(), "features");
        double[] biases = actual.biasArray();
        double[] expectedBiases = c.biases().clone();
        if ("softmax".equals(c.parameterization())) {
            center(biases);
            center(expectedBiases);
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < actual.dimension(); i++) {
                assertEquals(c.weights()[r][i], actual.weight(r, i), PARAMETER_TOLERANCE,
                        "weight of row " + r + " for feature " + c.features().get(i));
            }
            assertEquals(expectedBiases[r], biases[r], PARAMETER_TOLERANCE, "bias of row " + r);
        }
    }

    private static void center(double[] values) {
        double mean = 0.0;
        for (double v : values) {
            mean += v / values.length;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] -= mean;
        }
    }
}
