package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.logitlab.data.CsvPoints;
import org.logitlab.data.Standardization;

/**
 * A real dataset nobody here wrote, end to end: Fisher's iris petals (length, width, species) as the CSV file
 * {@code make_iris_reference.py} wrote from scikit-learn's copy, read by {@link CsvPoints} — 150 points, 3 named
 * classes, standardized because petal length reaches 6.9 — and trained by batch gradient descent (softmax, x1, x2,
 * λ₂ = 0.01) to the optimum scikit-learn finds on the points standardized in numpy. The tolerances are those of
 * {@link ReferenceOptimumTest}; the script's error bound for sklearn's answer here is 2.9e-9.
 */
class IrisCsvTest {
    private static final String DIRECTORY = "/reference/";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IrisReference(String csv, List<String> classNames, List<String> columnNames, double[] means,
                         double[] deviations, double accuracy,
                         @JsonProperty("case") ReferenceOptimumTest.ReferenceCase optimum) {
    }

    private static IrisReference reference;
    private static CsvPoints iris;

    @BeforeAll
    static void readTheFiles() throws IOException {
        try (InputStream in = IrisCsvTest.class.getResourceAsStream(DIRECTORY + "iris_optimum.json")) {
            assertNotNull(in, "iris_optimum.json is missing; run make_iris_reference.py");
            reference = new ObjectMapper().readValue(in, IrisReference.class);
        }
        try (InputStream in = IrisCsvTest.class.getResourceAsStream(DIRECTORY + reference.csv())) {
            iris = CsvPoints.parse(CsvPoints.decode(in.readAllBytes()));
        }
    }

    @Test
    void the_file_reads_as_150_points_of_three_named_species() {
        assertEquals(150, iris.points().size());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertEquals(reference.classNames(), iris.classNames());
        assertEquals(reference.columnNames(), iris.columnNames());
        for (int i = 0; i < 150; i++) {
            assertEquals(i / 50, (int) iris.points().get(i)[2], "species of flower " + i);
        }
    }

    @Test
    void the_petals_are_standardized_as_numpy_standardizes_them() {
        Standardization z = iris.standardization();
        assertNotNull(z, "petal length reaches 6.9, outside [-6, 6]");
        double[] means = {z.x1().mean(), z.x2().mean()};
        double[] deviations = {z.x1().deviation(), z.x2().deviation()};
        for (int j = 0; j < 2; j++) {
            assertEquals(reference.means()[j], means[j], 1e-14 * reference.means()[j], "mean of column " + j);
            assertEquals(reference.deviations()[j], deviations[j], 1e-14 * reference.deviations()[j],
                    "deviation of column " + j);
        }
        List<double[]> numpy = reference.optimum().points();
        for (int i = 0; i < 150; i++) {
            assertEquals(numpy.get(i)[0], iris.points().get(i)[0], 1e-14, "x1 of flower " + i);
            assertEquals(numpy.get(i)[1], iris.points().get(i)[1], 1e-14, "x2 of flower " + i);
        }
    }

    @Test
    void batch_gradient_descent_on_the_read_points_reaches_the_optimum_scikit_learn_finds() {
        ReferenceOptimumTest.ReferenceCase c = reference.optimum();
        RunSnapshot end = new TrainingRun(ReferenceOptimumTest.config(c, iris.points(), new Init.Zeros()))
                .goTo(c.steps());

        assertEquals(RunStatus.OK, end.status());
        assertTrue(end.evaluation().gradientNorm() < 1e-7, "gradient norm " + end.evaluation().gradientNorm());
        ReferenceOptimumTest.assertParametersMatch(c, end.parameters());
        assertEquals(c.objective(), end.evaluation().objective(), 1e-9, "J at the optimum");
        assertEquals(reference.accuracy(), end.evaluation().trainAccuracy(), "the share of flowers sklearn gets right");
    }
}
