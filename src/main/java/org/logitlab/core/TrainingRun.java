package org.logitlab.core;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.logitlab.data.Dataset;

/**
 * One gradient-descent run: θ_{t+1} = θ_t − η_t · g_t, where g_t is ∇J_smooth(θ_t) for batch GD or its estimate
 * from one example (sgd) or a mini-batch. With L1 (λ₁ > 0) every optimizer takes the proximal step instead:
 * w ← S(w − η·g, η·λ₁) for the weights, where S is the soft-threshold, and b ← b − η·g for the biases; weights
 * land on exactly 0 and stay there while |g| ≤ λ₁ (see {@link ProximalUpdate}). The data, the objective and the
 * arithmetic of a step are its {@link Descent}'s; the run keeps where it stands and how it got there.
 *
 * <p>Deterministic: the configuration fixes every bit of every step, so a run created and moved to step t
 * equals one stepped t times. Mutable but self-guarding: every public method holds the run's lock, so
 * concurrent step requests are applied one after another.
 *
 * <p>If an update would make a parameter, the objective or the gradient non-finite, the run stays at its last
 * finite state with status {@link RunStatus#DIVERGED}.
 */
public final class TrainingRun {
    /** Parameters are kept every this many steps, so that going back replays at most this many steps. */
    public static final int CHECKPOINT_INTERVAL = 64;
    /** The furthest step a run goes: permalinks replay up to here, so stepping stops here too. */
    public static final long MAX_STEP = 100_000;

    private RunConfig config;
    private final Descent descent;
    private final Checkpoints checkpoints = new Checkpoints();
    private final History history;
    /** False for a {@link #replica}, which walks the run's steps without keeping their measurements. */
    private final boolean keepsHistory;

    private final StepBudget budget;
    private long step;
    private Parameters theta;
    private Evaluation current;
    private Parameters previous;
    private RunStatus status = RunStatus.OK;
    /** {@link #measureFootprint()} as of the last change, readable without the lock. */
    private volatile long footprint;

    /** Builds the data and θ₀ from the configuration; the run starts at step 0. */
    public TrainingRun(RunConfig config) {
        this(config, StepBudget.MAX_WORK);
    }

    /** As {@link #TrainingRun(RunConfig)}, with another work limit: tests reach a limit without minutes of work. */
    TrainingRun(RunConfig config, long maxWork) {
        this(config, maxWork, true);
    }

    private TrainingRun(RunConfig config, long maxWork, boolean keepsHistory) {
        this.config = config;
        this.keepsHistory = keepsHistory;
        this.descent = new Descent(config);
        this.history = new History(descent.objective().test().size() > 0);
        this.budget = descent.budget(maxWork);
        this.theta = descent.start();
        this.current = descent.evaluateStart(config.hyperparametersAt(0));
        checkpoints.offer(0, theta);
        history.record(0, current);
        footprint = measureFootprint();
    }

    /** The work of one step, in the units of {@link StepBudget#workPerStep(int, int, int, int)}. */
    public long workPerStep() {
        return budget.workPerStep();
    }

    /**
     * The work {@link #goTo}{@code (target)} would do from here: the steps replayed from where it starts (this step
     * or a checkpoint), plus the evaluation of a restored checkpoint.
     */
    public synchronized long workToReach(long target) {
        if (target < 0 || target > budget.maxStep() || target == step) {
            return budget.workPerStep();
        }
        return (target - checkpoints.replayFrom(target, step) + 1) * budget.workPerStep();
    }

    /** This run's last step: {@link #MAX_STEP}, or sooner when {@link StepBudget#MAX_WORK} would be spent first. */
    public long maxStep() {
        return budget.maxStep();
    }

    /** Takes up to {@code count} steps, stopping early if the run diverges or reaches {@link #maxStep}. */
    public synchronized RunSnapshot step(int count) {
        if (status == RunStatus.DIVERGED) {
            throw new DivergedException(step);
        }
        budget.checkNextStep(step);
        long allowed = Math.min(count, budget.maxStep() - step);
        for (long i = 0; i < allowed && advance(); i++) {
            // advance() does the work
        }
        return moved();
    }

    /**
     * Moves to any step: back by restoring the nearest checkpoint before it and replaying, forward by stepping —
     * from the nearest checkpoint when the steps were computed before. Either way at most
     * {@link #CHECKPOINT_INTERVAL} steps are replayed to reach a step this run has computed.
     */
    public synchronized RunSnapshot goTo(long target) {
        if (target < 0) {
            throw new IllegalArgumentException("step must be ≥ 0");
        }
        budget.checkReachable(target);
        long from = checkpoints.replayFrom(target, step);
        if (from != step || (status == RunStatus.DIVERGED && target == 0)) {
            restore(from);
        }
        while (step < target && advance()) {
            // advance() does the work
        }
        return moved();
    }

    /** Back to step 0: the same data and the same θ₀. */
    public synchronized RunSnapshot reset() {
        return goTo(0);
    }

    /**
     * Changes η, λ₂ and λ₁ from the current step on, keeping the weights. Steps recorded beyond this one are
     * forgotten, since they were taken with the old values.
     */
    public synchronized RunSnapshot changeHyperparameters(Hyperparameters hp) {
        return changeHyperparameters(old -> hp);
    }

    /**
     * As {@link #changeHyperparameters(Hyperparameters)}, with the new values computed from the ones in force under
     * the run's lock, so that two changes of different values at once are both kept.
     */
    public synchronized RunSnapshot changeHyperparameters(UnaryOperator<Hyperparameters> change) {
        Hyperparameters hp = change.apply(config.hyperparametersAt(step));
        Evaluation evaluation = descent.evaluateRetuned(theta, hp);
        config = config.withHyperparametersFrom(step, hp);
        checkpoints.forgetAfter(step);
        history.truncateAfter(step);
        current = evaluation;
        status = RunStatus.OK;
        history.record(step, current);
        return moved();
    }

    /** The snapshot after a change, with the footprint brought up to date. */
    private RunSnapshot moved() {
        footprint = measureFootprint();
        return snapshot();
    }

    /**
     * A copy of this run at step 0 that shares its checkpoints, so that it reaches any step this run has computed
     * by replaying fewer than {@link #CHECKPOINT_INTERVAL} steps; it keeps no measurements (its snapshots have no
     * previous objective). For readers that walk the run's path without moving the run itself.
     */
    public synchronized TrainingRun replica() {
        TrainingRun copy = new TrainingRun(config, budget.maxWork(), false);
        copy.checkpoints.copyFrom(checkpoints);
        return copy;
    }

    public synchronized RunSnapshot snapshot() {
        Double previousObjective = step == 0 || !keepsHistory ? null : history.row((int) step - 1).objective();
        return new RunSnapshot(config, step, status, theta, current, config.hyperparametersAt(step), previous,
                previousObjective);
    }

    /** The configuration, including every learning-rate/λ change so far. */
    public synchronized RunConfig config() {
        return config;
    }

    /** Steps 0..current step. */
    public synchronized History history() {
        return history.copy((int) step);
    }

    /** The measurements of steps {@code from}..current step: what a chart appends after a step. */
    public synchronized List<History.Row> historyRows(long from) {
        return historyRows(from, step);
    }

    /** θ₀, where the run started. */
    public synchronized Parameters start() {
        return checkpoints.at(0);
    }

    /** The step the run is at. */
    public synchronized long step() {
        return step;
    }

    /** The measurements of steps {@code from}..{@code to}, up to the current step. */
    public synchronized List<History.Row> historyRows(long from, long to) {
        return historyRows(from, to, Integer.MAX_VALUE);
    }

    /**
     * As {@link #historyRows(long, long)}, but at most about {@code maxRows} of them: a longer stretch is given as
     * every k-th step, always with its first and last, so that a chart of 100 000 steps is not sent whole.
     */
    public synchronized List<History.Row> historyRows(long from, long to, int maxRows) {
        return history.rows(Math.max(0, from), Math.min(to, step), maxRows);
    }

    /**
     * Runs {@code action} under the run's lock (the one every method holds), so that a change and what is read
     * after it are one consistent moment: no other request steps the run in between.
     */
    public synchronized <T> T locked(Function<TrainingRun, T> action) {
        return action.apply(this);
    }

    /** The furthest step computed so far; after going back, the steps up to it can be revisited. */
    public synchronized long furthestStep() {
        return history.length() - 1;
    }

    public Dataset dataset() {
        return descent.dataset();
    }

    public boolean isTest(int pointIndex) {
        return descent.isTest(pointIndex);
    }

    /** The objective over this run's fixed training set; thread-safe when each caller brings its own workspace. */
    public Objective objective() {
        return descent.objective();
    }

    /**
     * An honest estimate of the bytes this run keeps on the heap, for a memory budget in bytes. Two parts:
     *
     * <ul>
     * <li>per run: the points (20 bytes each, and 48 more for a custom set's own list), the train and test design
     * matrices (8 bytes per point and feature, plus 8), the current, previous and gradient parameters, the
     * workspace and shuffle order, the schedule, and about a kilobyte of fixed objects;</li>
     * <li>per step: the history, 32 bytes (48 with a test split), and a checkpoint every
     * {@value #CHECKPOINT_INTERVAL} steps (about 2 bytes a step for K = 2 and two features, 10 for K = 8 and
     * seven).</li>
     * </ul>
     *
     * So a run at step 100 000 keeps about 3.4–5.8 MB, almost all of it history. The figure is brought up to date
     * after each change and read without the run's lock, so a store can weigh a run while another request is
     * replaying it; it changes only when the history grows a block or a checkpoint is added or dropped.
     */
    public long footprintBytes() {
        return footprint;
    }

    private long measureFootprint() {
        return Footprint.ofRun(config, descent, theta, checkpoints, history);
    }

    private void restore(long checkpoint) {
        step = checkpoint;
        theta = checkpoints.at(checkpoint);
        current = descent.evaluate(theta, config.hyperparametersAt(step));
        previous = null;
        status = RunStatus.OK;
    }

    /** One update (plain or proximal); false (and status diverged) if it would leave the finite numbers. */
    private boolean advance() {
        Parameters next = descent.next(step, theta, current, config.hyperparametersAt(step));
        Evaluation evaluation = next.isFinite() ? descent.evaluate(next, config.hyperparametersAt(step + 1)) : null;
        if (evaluation == null || !evaluation.isFinite()) {
            status = RunStatus.DIVERGED;
            return false;
        }
        previous = theta;
        theta = next;
        current = evaluation;
        step++;
        if (keepsHistory) {
            history.record(step, evaluation);
        }
        checkpoints.offer(step, theta);
        return true;
    }
}
