package org.logitlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The named toy datasets: pure functions of their spec, inside [−6, 6]², with every class present. */
class DatasetsTest {
    private static final List<String> GENERATED = List.of("blobs", "circles", "spiral", "moons", "xor");

    record Request(String name, int classes, int n, double noise, long seed) {
        DatasetSpec spec() {
            return DatasetSpec.named(name, n, noise, seed);
        }
    }

    @Property(tries = 300)
    void every_named_dataset_is_the_same_for_the_same_seed(@ForAll("requests") Request request) {
        Dataset a = Datasets.generate(request.spec(), request.classes());
        Dataset b = Datasets.generate(request.spec(), request.classes());

        assertArrayEquals(a.x1(), b.x1());
        assertArrayEquals(a.x2(), b.x2());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.classes(), b.classes());
    }

    @Property(tries = 300)
    void every_named_dataset_has_n_points_inside_the_plane_with_labels_in_range(@ForAll("requests") Request request) {
        Dataset d = Datasets.generate(request.spec(), request.classes());

        assertEquals(request.n(), d.size());
        assertEquals(request.classes(), d.classes());
        for (int i = 0; i < d.size(); i++) {
            assertTrue(Math.abs(d.x1(i)) <= DatasetSpec.EXTENT && Math.abs(d.x2(i)) <= DatasetSpec.EXTENT,
                    "point " + i + " = (" + d.x1(i) + ", " + d.x2(i) + ")");
            assertTrue(d.label(i) >= 0 && d.label(i) < request.classes(), "label " + d.label(i));
        }
    }

    @Property(tries = 300)
    void every_class_is_present_once_there_are_at_least_k_points(@ForAll("requests") Request request) {
        Dataset d = Datasets.generate(request.spec(), request.classes());

        int[] counts = new int[request.classes()];
        for (int label : d.labels()) {
            counts[label]++;
        }
        for (int k = 0; k < request.classes(); k++) {
            assertEquals(k < request.n(), counts[k] > 0, "class " + k + " of " + request.classes());
            assertTrue(Math.abs(counts[k] - (double) request.n() / request.classes()) <= 1, "classes are balanced");
        }
    }

    @Test
    void different_seeds_give_different_points_for_every_named_dataset() {
        for (String name : GENERATED) {
            Dataset a = Datasets.generate(DatasetSpec.named(name, 50, 0.3, 1), 2);
            Dataset b = Datasets.generate(DatasetSpec.named(name, 50, 0.3, 2), 2);
            assertFalse(Arrays.equals(a.x1(), b.x1()), name);
        }
    }

    @Test
    void noise_of_one_still_keeps_every_point_inside_the_plane() {
        for (String name : GENERATED) {
            Dataset d = Datasets.generate(DatasetSpec.named(name, DatasetSpec.MAX_POINTS, 1.0, 99), 2);
            for (int i = 0; i < d.size(); i++) {
                assertTrue(Math.abs(d.x1(i)) <= DatasetSpec.EXTENT && Math.abs(d.x2(i)) <= DatasetSpec.EXTENT,
                        name + " point " + i);
            }
        }
    }

    @Test
    void xor_puts_class_zero_in_the_first_and_third_quadrants_without_noise() {
        Dataset d = Datasets.generate(DatasetSpec.named("xor", 200, 0.0, 3), 2);
        for (int i = 0; i < d.size(); i++) {
            boolean sameSign = d.x1(i) * d.x2(i) > 0;
            assertEquals(d.label(i) == 0, sameSign, "point " + i);
        }
    }

    @Test
    void circles_without_noise_grow_outwards_with_the_class() {
        int classes = 4;
        Dataset d = Datasets.generate(DatasetSpec.named("circles", 400, 0.0, 3), classes);
        double[] smallest = new double[classes];
        double[] largest = new double[classes];
        Arrays.fill(smallest, Double.POSITIVE_INFINITY);
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(d.x1(i), d.x2(i));
            smallest[d.label(i)] = Math.min(smallest[d.label(i)], r);
            largest[d.label(i)] = Math.max(largest[d.label(i)], r);
        }
        for (int k = 1; k < classes; k++) {
            assertTrue(largest[k - 1] < smallest[k], "ring " + (k - 1) + " lies inside ring " + k);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"moons", "xor"})
    void two_class_datasets_reject_any_other_class_count_naming_classes(String name) {
        for (int classes : new int[] {1, 3, 8}) {
            InvalidDatasetException e = assertField("classes",
                    () -> Datasets.generate(DatasetSpec.named(name, 10, 0.1, 1), classes));
            assertTrue(e.getMessage().contains("2"), e.getMessage());
        }
        assertEquals(2, Datasets.maxClasses(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"blobs", "circles", "spiral", "custom"})
    void other_datasets_take_two_to_eight_classes(String name) {
        assertEquals(Datasets.MAX_CLASSES, Datasets.maxClasses(name));
        assertField("classes", () -> Datasets.generate(DatasetSpec.named(name, 10, 0.1, 1), 1));
        assertField("classes", () -> Datasets.generate(DatasetSpec.named(name, 10, 0.1, 1), 9));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, DatasetSpec.MAX_POINTS + 1})
    void a_point_count_outside_one_to_five_thousand_names_dataset_n(int n) {
        for (String name : GENERATED) {
            assertField("dataset.n", () -> Datasets.generate(DatasetSpec.named(name, n, 0.1, 1), 2));
        }
    }

    @Test
    void one_and_five_thousand_points_are_allowed() {
        assertEquals(1, Datasets.generate(DatasetSpec.named("spiral", 1, 0.1, 1), 8).size());
        assertEquals(DatasetSpec.MAX_POINTS,
                Datasets.generate(DatasetSpec.named("spiral", DatasetSpec.MAX_POINTS, 0.1, 1), 8).size());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
    void noise_outside_zero_to_one_names_dataset_noise(double noise) {
        assertField("dataset.noise", () -> Datasets.generate(DatasetSpec.named("moons", 10, noise, 1), 2));
    }

    @Test
    void an_unknown_name_names_dataset_name() {
        InvalidDatasetException e = assertField("dataset.name",
                () -> Datasets.generate(DatasetSpec.named("swissroll", 10, 0.1, 1), 2));
        assertTrue(e.getMessage().contains("blobs"), e.getMessage());
    }

    @Test
    void points_on_a_named_dataset_name_dataset_points() {
        DatasetSpec spec = new DatasetSpec("blobs", 1, 0.1, 1, List.<double[]>of(new double[] {0, 0, 0}));
        assertField("dataset.points", () -> Datasets.generate(spec, 2));
    }

    @Test
    void a_dataset_is_immutable() {
        double[] x1 = {1, 2};
        double[] x2 = {3, 4};
        int[] labels = {0, 1};
        Dataset d = new Dataset(x1, x2, labels, 2);
        x1[0] = 99;
        labels[1] = 0;
        d.x2()[1] = 99;

        assertArrayEquals(new double[] {1, 2}, d.x1());
        assertArrayEquals(new double[] {3, 4}, d.x2());
        assertArrayEquals(new int[] {0, 1}, d.labels());
        assertThrows(IllegalArgumentException.class, () -> new Dataset(x1, new double[1], labels, 2));
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> names = Arbitraries.of(GENERATED);
        return names.flatMap(name -> Combinators.combine(
                        Arbitraries.integers().between(Datasets.MIN_CLASSES, Datasets.maxClasses(name)),
                        Arbitraries.oneOf(Arbitraries.integers().between(1, 40),
                                Arbitraries.integers().between(1, DatasetSpec.MAX_POINTS)),
                        Arbitraries.doubles().between(0, 1).ofScale(3),
                        Arbitraries.longs())
                .as((classes, n, noise, seed) -> new Request(name, classes, n, noise, seed)));
    }

    static InvalidDatasetException assertField(String field, Executable action) {
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, action);
        assertEquals(field, e.field());
        assertFalse(e.getMessage().isBlank());
        return e;
    }
}
