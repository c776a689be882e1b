package org.logitlab.web.run;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.logitlab.core.Hyperparameters;
import org.logitlab.web.input.FieldError;

/**
 * A change of hyperparameters as a request asks for it: each of η, λ₂ and λ₁ given (and checked) or null, which
 * keeps the one in force. The values kept are read under the run's lock ({@link #apply}), so that two changes at
 * once are both kept. The API's {@code /hyperparameters} and the page's tuning panel read it alike.
 */
public record Tuning(Double learningRate, Double l2, Double l1) implements UnaryOperator<Hyperparameters> {

    /**
     * The fields given, each read by {@code number} (a field's value checked against its range) when
     * {@code given} says it was sent.
     */
    public static Tuning read(Predicate<String> given, Reader number) {
        return new Tuning(
                given.test("learningRate") ? number.read("learningRate", 0, Hyperparameters.MAX_LEARNING_RATE, true)
                        : null,
                given.test("l2") ? number.read("l2", 0, Hyperparameters.MAX_L2, false) : null,
                given.test("l1") ? number.read("l1", 0, Hyperparameters.MAX_L1, false) : null);
    }

    /** Reads one field as a number in [min, max] (or (min, max] when {@code minOpen}), else a {@link FieldError}. */
    @FunctionalInterface
    public interface Reader {
        double read(String field, double min, double max, boolean minOpen);
    }

    @Override
    public Hyperparameters apply(Hyperparameters now) {
        return new Hyperparameters(learningRate == null ? now.learningRate() : learningRate,
                l2 == null ? now.l2() : l2, l1 == null ? now.l1() : l1);
    }
}
