package org.logitlab.core;

/**
 * One parameter's path through a run: its value and ∂J_smooth/∂θ (the gradient table's ∂J/∂θ, see
 * {@link Evaluation#gradient()}) at sampled steps from 0 to a given step, found by
 * replaying the run's configuration (which is exact, because runs are deterministic).
 */
public record Trajectory(long[] steps, double[] values, double[] gradients) {

    /** At most {@code samples} evenly spaced steps from 0 to {@code toStep}, always including both ends. */
    public static Trajectory of(RunConfig config, long toStep, int row, int index, int samples) {
        int count = (int) Math.min(samples, toStep + 1);
        long[] steps = new long[count];
        double[] values = new double[count];
        double[] gradients = new double[count];
        TrainingRun replay = new TrainingRun(config);
        for (int j = 0; j < count; j++) {
            long t = count == 1 ? 0 : Math.round((double) j * toStep / (count - 1));
            RunSnapshot s = replay.goTo(t);
            steps[j] = s.step();
            values[j] = s.parameters().get(row, index);
            gradients[j] = s.evaluation().gradient().get(row, index);
        }
        return new Trajectory(steps, values, gradients);
    }
}
