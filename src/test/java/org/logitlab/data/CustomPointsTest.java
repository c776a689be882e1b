package org.logitlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.logitlab.data.DatasetsTest.assertField;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The caller's own points: kept exactly, and every bad one refused with its index in the field name. */
class CustomPointsTest {

    @Test
    void custom_points_are_kept_exactly_and_in_order() {
        List<double[]> points = List.of(new double[] {-6, 6, 2}, new double[] {0.125, -3.5, 0},
                new double[] {6, -6, 1});

        Dataset d = Datasets.generate(DatasetSpec.custom(points), 3);

        assertArrayEquals(new double[] {-6, 0.125, 6}, d.x1());
        assertArrayEquals(new double[] {6, -3.5, -6}, d.x2());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertEquals(3, d.classes());
    }

    @Test
    void the_spec_copies_its_points_list() {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {1, 1, 0});
        DatasetSpec spec = DatasetSpec.custom(points);
        points.add(new double[] {2, 2, 1});

        assertEquals(1, spec.points().size());
        assertEquals(1, spec.n());
    }

    @Test
    void no_points_names_dataset_points() {
        assertField("dataset.points", () -> Datasets.generate(DatasetSpec.custom(List.of()), 2));
    }

    @Test
    void more_than_five_thousand_points_names_dataset_points() {
        List<double[]> points = Collections.nCopies(DatasetSpec.MAX_POINTS + 1, new double[] {0, 0, 0});
        assertField("dataset.points", () -> Datasets.generate(DatasetSpec.custom(points), 2));
    }

    @Test
    void a_point_without_exactly_three_numbers_names_its_index() {
        assertField("dataset.points[1]", () -> Datasets.generate(DatasetSpec.custom(
                List.of(new double[] {0, 0, 0}, new double[] {1, 1})), 2));
        assertField("dataset.points[0]", () -> Datasets.generate(DatasetSpec.custom(
                List.<double[]>of(new double[] {1, 1, 0, 0})), 2));
    }

    @Test
    void a_coordinate_outside_the_plane_or_not_finite_names_its_index() {
        double[] bad = {6.000001, -6.000001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : bad) {
            assertField("dataset.points[2]", () -> Datasets.generate(DatasetSpec.custom(List.of(
                    new double[] {0, 0, 0}, new double[] {1, 1, 1}, new double[] {v, 0, 0})), 2));
            assertField("dataset.points[0]", () -> Datasets.generate(DatasetSpec.custom(List.<double[]>of(
                    new double[] {0, v, 0})), 2));
        }
    }

    @Test
    void a_label_that_is_not_a_class_index_names_its_index() {
        double[] bad = {-1, 3, 0.5, Double.NaN, Double.POSITIVE_INFINITY};
        for (double label : bad) {
            assertField("dataset.points[1]", () -> Datasets.generate(DatasetSpec.custom(List.of(
                    new double[] {0, 0, 0}, new double[] {1, 1, label})), 3));
        }
    }
}
