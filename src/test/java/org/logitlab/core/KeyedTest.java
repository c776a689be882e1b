package org.logitlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The keys by which the JSON API, permalinks and the page name a choice, and the lookup that reads them back. */
class KeyedTest {

    private static List<String> keys(Keyed[] values) {
        return Arrays.stream(values).map(Keyed::key).toList();
    }

    @Test
    void a_key_is_the_constant_name_in_lower_case_unless_the_choice_gives_its_own() {
        assertEquals(List.of("batch", "sgd", "minibatch"), keys(Optimizer.values()));
        assertEquals(List.of("sigmoid", "softmax"), keys(Parameterization.values()));
        assertEquals(List.of("ok", "diverged"), keys(RunStatus.values()));
        assertEquals(List.of("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"), keys(Feature.values()));
    }

    @Test
    void a_key_finds_its_choice_and_any_other_spelling_finds_none() {
        assertEquals(Optional.of(Optimizer.MINIBATCH), Keyed.byKey(Optimizer.values(), "minibatch"));
        assertEquals(Optional.of(Feature.X1_TIMES_X2), Keyed.byKey(Feature.values(), "x1*x2"));
        assertTrue(Keyed.byKey(Optimizer.values(), "MINIBATCH").isEmpty(), "the constant's own name is not a key");
        assertTrue(Keyed.byKey(Feature.values(), "X1_TIMES_X2").isEmpty());
        assertTrue(Keyed.byKey(Parameterization.values(), "").isEmpty());
    }

    @Test
    void a_refusal_lists_the_keys_in_declaration_order() {
        assertEquals("batch, sgd, minibatch", Keyed.keys(Optimizer.values()));
    }
}
