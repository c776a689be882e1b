package org.logitlab.core;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.logitlab.data.DatasetSpec;
import org.logitlab.text.Sentence;

/**
 * Everything that determines a training run, bit for bit: the data, the model, the optimizer, the seed, the
 * starting point, and the schedule of hyperparameters (η, λ₂, λ₁) with the step each applies from (step 0 always has
 * one).
 */
public record RunConfig(DatasetSpec dataset, int classes, Parameterization parameterization, FeatureMap features,
                        Optimizer optimizer, int batchSize, double testFraction, long seed, Init init,
                        NavigableMap<Long, Hyperparameters> schedule) {
    public static final int MAX_BATCH_SIZE = 5000;
    /** Learning-rate/λ changes one run may hold, so that its permalink stays a URL a server accepts. */
    public static final int MAX_SCHEDULE_ENTRIES = 100;

    public RunConfig {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidConfigException("batchSize", Sentence.INTEGER_FROM, 1, MAX_BATCH_SIZE);
        }
        if (!schedule.containsKey(0L)) {
            throw new IllegalArgumentException("the schedule needs an entry for step 0");
        }
        if (schedule.size() > MAX_SCHEDULE_ENTRIES) {
            throw new InvalidConfigException("learningRate", Sentence.SCHEDULE_FULL, MAX_SCHEDULE_ENTRIES);
        }
        schedule = Collections.unmodifiableNavigableMap(new TreeMap<>(schedule));
    }

    /** A configuration with one learning rate and λ for the whole run. */
    public static RunConfig of(DatasetSpec dataset, int classes, Parameterization parameterization,
                               FeatureMap features, Optimizer optimizer, int batchSize,
                               Hyperparameters hyperparameters, double testFraction, long seed, Init init) {
        return new RunConfig(dataset, classes, parameterization, features, optimizer, batchSize, testFraction, seed,
                init, new TreeMap<>(Map.of(0L, hyperparameters)));
    }

    /** The learning rate and λs in force at {@code step}: for the evaluation at it and the update that leaves it. */
    public Hyperparameters hyperparametersAt(long step) {
        return schedule.floorEntry(step).getValue();
    }

    /** This configuration with the schedule cut at {@code step} and {@code hp} in force from there on. */
    public RunConfig withHyperparametersFrom(long step, Hyperparameters hp) {
        TreeMap<Long, Hyperparameters> next = new TreeMap<>(schedule.headMap(step, false));
        if (next.isEmpty() || !next.lastEntry().getValue().equals(hp)) {
            next.put(step, hp);
        }
        return new RunConfig(dataset, classes, parameterization, features, optimizer, batchSize, testFraction, seed,
                init, next);
    }
}
