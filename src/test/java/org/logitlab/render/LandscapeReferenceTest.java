package org.logitlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.logitlab.core.DesignMatrix;
import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Objective;
import org.logitlab.core.ParameterIndex;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;

/**
 * Every node of a landscape against J computed independently in numpy by
 * {@code src/test/resources/reference/make_landscape_reference.py}: sigmoid and softmax, L2 and L1, a bias on one
 * axis, two weights of one row, a confident model whose losses are small, and logits hundreds apart (which take
 * the direct path). The script computes its own features from the points; every value must agree to 1e-9
 * relative (the largest difference found was 1.8e-15).
 */
class LandscapeReferenceTest {
    private static final String RESOURCE = "/reference/landscape_reference.json";
    private static final double RELATIVE = 1e-9;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReferenceFile(String tool, List<ReferenceCase> cases) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReferenceCase(String name, int classes, String parameterization, List<String> features, double l2,
                         double l1, List<double[]> points, double[][] weights, double[] biases, int[] a, int[] b,
                         double[] aValues, double[] bValues, double[][] objective) {
    }

    static Stream<Named<ReferenceCase>> cases() throws IOException {
        try (InputStream in = LandscapeReferenceTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing; run make_landscape_reference.py");
            }
            ReferenceFile file = new ObjectMapper().readValue(in, ReferenceFile.class);
            assertTrue(file.cases().size() >= 5, "the reference file should hold at least 5 cases");
            return file.cases().stream().map(c -> Named.of(c.name(), c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void every_node_equals_j_computed_by_numpy(ReferenceCase c) {
        FeatureMap map = new FeatureMap(c.features().stream().map(k -> Feature.byKey(k).orElseThrow()).toList());
        int n = c.points().size();
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] labels = new int[n];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            x1[i] = c.points().get(i)[0];
            x2[i] = c.points().get(i)[1];
            labels[i] = (int) c.points().get(i)[2];
            all[i] = i;
        }
        LogisticModel model = new LogisticModel(c.classes(), Parameterization.byKey(c.parameterization()), map.size());
        Objective objective = new Objective(model, new DesignMatrix(map, x1, x2, labels, all),
                new DesignMatrix(map, x1, x2, labels, new int[0]));
        Parameters theta = Parameters.ofRows(c.weights(), c.biases());

        double[][] grid = new LandscapeGrid(objective, theta, c.l2(), c.l1(), new ParameterIndex(c.a()[0], c.a()[1]),
                new ParameterIndex(c.b()[0], c.b()[1])).objective(c.aValues(), c.bValues());

        for (int i = 0; i < c.aValues().length; i++) {
            for (int j = 0; j < c.bValues().length; j++) {
                double expected = c.objective()[i][j];
                assertEquals(expected, grid[i][j], RELATIVE * expected, "a = " + c.aValues()[i] + ", b = "
                        + c.bValues()[j]);
            }
        }
    }
}
