package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The default axes of a loss landscape: the two parameters that moved most since step 0. */
class ParameterIndexTest {
    private static final Parameters START = Parameters.ofRows(
            new double[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}, new double[] {0, 0, 0});

    @Test
    void the_two_that_moved_most_come_back_in_table_order() {
        Parameters now = Parameters.ofRows(
                new double[][] {{0.1, 0, 0}, {0, -0.9, 0}, {0, 0, 0.2}}, new double[] {0, 0, 0.5});

        assertEquals(List.of(new ParameterIndex(1, 1), new ParameterIndex(2, 3)),
                ParameterIndex.mostMoved(START, now), "−0.9 and the bias of row 2 (0.5) beat 0.2 and 0.1");
    }

    @Test
    void ties_go_to_the_earlier_parameter_in_table_order() {
        Parameters now = Parameters.ofRows(
                new double[][] {{0, 0, 0}, {0, 0.5, -0.5}, {0.5, 0, 0}}, new double[] {0, -0.5, 0});

        assertEquals(List.of(new ParameterIndex(1, 1), new ParameterIndex(1, 2)),
                ParameterIndex.mostMoved(START, now));
    }

    @Test
    void a_bias_counts_like_a_weight() {
        Parameters now = Parameters.ofRows(
                new double[][] {{0, 0, 0}, {0, 0, 0.1}, {0, 0, 0}}, new double[] {2, 0, 0});

        assertEquals(List.of(new ParameterIndex(0, 3), new ParameterIndex(1, 2)),
                ParameterIndex.mostMoved(START, now));
    }

    @Test
    void with_fewer_than_two_moved_the_first_two_weights_are_chosen() {
        Parameters oneMoved = Parameters.ofRows(
                new double[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 3}}, new double[] {0, 0, 0});

        assertEquals(List.of(new ParameterIndex(0, 0), new ParameterIndex(0, 1)),
                ParameterIndex.mostMoved(START, START));
        assertEquals(List.of(new ParameterIndex(0, 0), new ParameterIndex(0, 1)),
                ParameterIndex.mostMoved(START, oneMoved));
    }

    @Test
    void with_a_single_feature_the_first_two_weights_are_in_different_rows_or_the_bias_for_sigmoid() {
        Parameters softmax = Parameters.zeros(3, 1);
        Parameters sigmoid = Parameters.zeros(1, 1);

        assertEquals(List.of(new ParameterIndex(0, 0), new ParameterIndex(1, 0)),
                ParameterIndex.mostMoved(softmax, softmax));
        assertEquals(List.of(new ParameterIndex(0, 0), new ParameterIndex(0, 1)),
                ParameterIndex.mostMoved(sigmoid, sigmoid));
    }
}
