package org.logitlab.core;

/**
 * One parameter's path through a run: its value and ∂J_smooth/∂θ (the gradient table's ∂J/∂θ, see
 * {@link Evaluation#gradient()}) at sampled steps from 0 to a given step. Read from a
 * {@link TrainingRun#replica replica} of the run, which starts each sample from the run's checkpoint before it: at
 * most {@code samples} × {@link TrainingRun#CHECKPOINT_INTERVAL} steps of work (and at most {@code toStep}),
 * whatever the step. Exact, because runs are deterministic.
 */
public record Trajectory(long[] steps, double[] values, double[] gradients) {

    /** The most work {@link #of} does: the steps its replica replays, in the units of the run's work limit. */
    public static long work(TrainingRun run, long toStep, int samples) {
        return Math.min(toStep + 1, (long) samples * TrainingRun.CHECKPOINT_INTERVAL) * run.workPerStep();
    }

    /** At most {@code samples} evenly spaced steps from 0 to {@code toStep}, always including both ends. */
    public static Trajectory of(TrainingRun run, long toStep, int row, int index, int samples) {
        int count = (int) Math.min(samples, toStep + 1);
        long[] steps = new long[count];
        double[] values = new double[count];
        double[] gradients = new double[count];
        TrainingRun replica = run.replica();
        for (int j = 0; j < count; j++) {
            long t = count == 1 ? 0 : Math.round((double) j * toStep / (count - 1));
            RunSnapshot s = replica.goTo(t);
            steps[j] = s.step();
            values[j] = s.parameters().get(row, index);
            gradients[j] = s.evaluation().gradient().get(row, index);
        }
        return new Trajectory(steps, values, gradients);
    }
}
