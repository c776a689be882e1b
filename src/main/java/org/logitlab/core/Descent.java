package org.logitlab.core;

import java.util.SplittableRandom;

import org.logitlab.data.Dataset;
import org.logitlab.data.Datasets;
import org.logitlab.data.Split;
import org.logitlab.text.Sentence;

/**
 * A run's gradient descent as its configuration fixes it: the points and their train/test split, the objective over
 * the training set, the order in which sgd and mini-batch visit it, θ₀, and the arithmetic of one step,
 * θ_{t+1} = θ_t − η_t · g_t (the proximal step with L1, see {@link ProximalUpdate}). Built from the configuration
 * alone, its seed split into one stream per use, so that two built from one configuration take the same steps bit
 * for bit. Where the descent stands, and how it goes back, is its {@link TrainingRun}'s.
 *
 * <p>Not thread-safe: it evaluates in one workspace, so a run calls it under its lock.
 */
final class Descent {
    private final Dataset dataset;
    private final boolean[] testMask;
    private final Objective objective;
    /** The epoch shuffle of sgd and mini-batch; null for batch GD, whose every step sees the whole training set. */
    private final EpochShuffle shuffle;
    private final LogisticModel.Workspace workspace;
    /** The work of one step, in the units of {@link StepBudget#workPerStep(int, int, int, int)}. */
    private final long workPerStep;
    private final Parameters start;

    /** Generates the data and draws θ₀ from {@code config}; refuses a configuration that leaves nothing to train on. */
    Descent(RunConfig config) {
        this.dataset = Datasets.generate(config.dataset(), config.classes());
        LogisticModel model = new LogisticModel(config.classes(), config.parameterization(), config.features().size());

        // One independent stream per use: the split, θ₀, and the epoch shuffles.
        SplittableRandom root = new SplittableRandom(config.seed());
        this.testMask = Split.testMask(dataset.size(), config.testFraction(), root.split());
        SplittableRandom initRandom = root.split();
        long shuffleSeed = root.split().nextLong();

        this.objective = new Objective(model, DesignMatrix.of(config.features(), dataset, testMask, false),
                DesignMatrix.of(config.features(), dataset, testMask, true));
        int perStep = config.optimizer().examplesPerStep(objective.train().size(), config.batchSize());
        this.shuffle = config.optimizer() == Optimizer.BATCH ? null
                : new EpochShuffle(shuffleSeed, objective.train().size(), perStep);
        this.workspace = model.workspace();
        int gradientExamples = config.optimizer() == Optimizer.BATCH ? 0 : perStep;
        this.workPerStep = StepBudget.workPerStep(dataset.size(), gradientExamples, model.rows(), model.dimension());
        this.start = config.init().parameters(model.rows(), model.dimension(), initRandom);
    }

    Dataset dataset() {
        return dataset;
    }

    boolean isTest(int pointIndex) {
        return testMask[pointIndex];
    }

    Objective objective() {
        return objective;
    }

    /** How far a run of this descent may go when it may spend {@code maxWork}: its steps' work against that. */
    StepBudget budget(long maxWork) {
        return new StepBudget(workPerStep, maxWork);
    }

    /** θ₀, as the configuration's init draws it. */
    Parameters start() {
        return start;
    }

    /** Everything measured at θ under {@code hp}'s λ₂ and λ₁ (η plays no part). */
    Evaluation evaluate(Parameters theta, Hyperparameters hp) {
        return objective.evaluate(theta, hp.l2(), hp.l1(), workspace);
    }

    /** The evaluation at θ₀; starting weights so large that the loss is not finite are refused. */
    Evaluation evaluateStart(Hyperparameters hp) {
        Evaluation evaluation = evaluate(start, hp);
        if (!evaluation.isFinite()) {
            throw new InvalidConfigException("init", Sentence.INIT_LOSS);
        }
        return evaluation;
    }

    /**
     * The evaluation at θ under λs about to be put in force; λs that make J overflow there are refused, naming λ₁
     * when J_smooth alone is finite and λ₂ otherwise.
     */
    Evaluation evaluateRetuned(Parameters theta, Hyperparameters hp) {
        Evaluation evaluation = evaluate(theta, hp);
        if (!evaluation.isFinite()) {
            boolean smoothPartFinite = evaluate(theta, new Hyperparameters(hp.learningRate(), hp.l2())).isFinite();
            throw new InvalidConfigException(smoothPartFinite ? "l1" : "l2", Sentence.REGULARIZATION_OVERFLOW);
        }
        return evaluation;
    }

    /**
     * θ_{t+1} from θ_t = {@code theta} at step t = {@code step} under {@code hp}. For batch GD g_t is ∇J_smooth(θ_t),
     * which {@code current}, the evaluation at θ_t, already holds; for sgd and mini-batch it is the estimate from the
     * examples the epoch shuffle gives step t. The result may hold non-finite numbers: the run checks.
     */
    Parameters next(long step, Parameters theta, Evaluation current, Hyperparameters hp) {
        Parameters g = shuffle == null ? current.gradient()
                : objective.batchGradient(theta, hp.l2(), shuffle.orderFor(step), shuffle.batchStart(step),
                        shuffle.batchEnd(step), workspace);
        return ProximalUpdate.descend(theta, g, hp.learningRate(), hp.l1());
    }

    /**
     * The bytes it keeps: the points' coordinates, labels and test marks, the train and test design matrices, the
     * workspace, and for sgd and mini-batch the shuffle's order.
     */
    long footprintBytes() {
        int points = dataset.size();
        long bytes = 2 * Footprint.doubles(points) + Footprint.ints(points) + Footprint.booleans(points)
                + objective.train().footprintBytes() + objective.test().footprintBytes() + workspace.footprintBytes();
        return shuffle == null ? bytes : bytes + Footprint.ints(objective.train().size());
    }
}
