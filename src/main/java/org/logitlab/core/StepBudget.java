package org.logitlab.core;

import org.logitlab.text.Reason;
import org.logitlab.text.Sentence;

/**
 * How far a run may go: the work one of its steps costs, and its last step, {@link TrainingRun#MAX_STEP} or sooner
 * when {@code maxWork} would be spent first (its permalink has to replay that far in one request).
 *
 * @param workPerStep the work of one step, in the units of {@link #workPerStep(int, int, int, int)}
 * @param maxWork     the most work from step 0 to the last step
 * @param maxStep     the last step
 */
public record StepBudget(long workPerStep, long maxWork, long maxStep) {
    /**
     * The most work a run may take from step 0 to its last step, in the units of {@link #workPerStep(int, int, int,
     * int)}: about 7 s of one core on the benchmark machine (1.7–1.9 ns per unit). Its permalink has to replay that
     * far in one request, so a run of many points, classes and features stops sooner than
     * {@link TrainingRun#MAX_STEP}.
     */
    public static final long MAX_WORK = 3_500_000_000L;

    StepBudget(long workPerStep, long maxWork) {
        this(workPerStep, maxWork, Math.max(1, Math.min(TrainingRun.MAX_STEP, maxWork / workPerStep)));
    }

    /**
     * The work of one step: (points + gradient examples) × (rows + 2) × (features + 10). A step evaluates J, ∇J and
     * the test loss at the new weights over every point, plus, for sgd and mini-batch, the gradient of the step's
     * examples. Per point it costs a little per feature and class, and a fixed amount per class (the exponential)
     * and per point (the log, the accuracy); the benchmark's core step fits this at 1.7–1.9 ns per unit for
     * K = 2…8 and 2…7 features.
     */
    static long workPerStep(int points, int gradientExamples, int rows, int dimension) {
        return (long) (points + gradientExamples) * (rows + 2) * (dimension + 10);
    }

    /**
     * The work of one step of a run of {@code config}, before it is built: {@link TrainingRun#workPerStep()} with
     * every point counted as a training example (an upper bound when some are held out for testing).
     */
    public static long workPerStep(RunConfig config) {
        int points = config.dataset().isCustom() ? config.dataset().points().size() : config.dataset().n();
        int gradientExamples = config.optimizer() == Optimizer.BATCH ? 0
                : config.optimizer().examplesPerStep(points, config.batchSize());
        return workPerStep(points, gradientExamples, config.parameterization().rows(config.classes()),
                config.features().size());
    }

    /** Refuses a step from {@code step} when it is the last one. */
    void checkNextStep(long step) {
        if (step >= maxStep) {
            throw new StepLimitException(maxStep, maxStep == TrainingRun.MAX_STEP ? Sentence.LAST_STEP.with(maxStep)
                    : Sentence.LAST_STEP_WORK.with(maxStep, workLimit()));
        }
    }

    /** Refuses {@code target} when it lies beyond the last step. */
    void checkReachable(long target) {
        if (target > maxStep) {
            throw new StepLimitException(maxStep, maxStep == TrainingRun.MAX_STEP
                    ? Sentence.BEYOND_LAST.with(maxStep) : Sentence.BEYOND_LAST_WORK.with(maxStep, workLimit()));
        }
    }

    /** Why a run stops before {@link TrainingRun#MAX_STEP}: the work its steps cost. */
    private Reason workLimit() {
        return Sentence.WORK_LIMIT.with(workPerStep, maxWork);
    }
}
