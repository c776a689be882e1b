package org.logitlab.core;

/**
 * The values two parameters took at every step 0..t of a run: {@code a[s]} and {@code b[s]} are θ_s's entries, bit
 * for bit what the live run held at step s.
 *
 * @param a the first parameter's value at each step, from step 0
 * @param b the second parameter's value at each step, as long as {@code a}
 */
public record PairPath(double[] a, double[] b) {

    public PairPath {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a path needs as many values of a as of b");
        }
    }

    /** Number of steps on the path, counting step 0. */
    public int length() {
        return a.length;
    }

    /**
     * Replays {@code config} from step 0 to {@code toStep} and records parameters {@code a} and {@code b} after
     * every step. The run keeps θ only every {@link TrainingRun#CHECKPOINT_INTERVAL} steps, so the steps between are
     * computed again; replay is exact because a run is a pure function of its configuration (including its
     * learning-rate/λ schedule).
     *
     * <p>Cost: {@code toStep} steps of the run, i.e. {@code toStep · workPerStep()} work units, as much as the run
     * itself took to get there (up to a few seconds at {@link StepBudget#MAX_WORK}). A path to an earlier step is a
     * prefix of this one while the configuration is unchanged, so a caller may cache the longest path it made.
     *
     * @throws IllegalArgumentException if the run cannot reach {@code toStep} (beyond its last step, or it diverges
     *                                  before it), or a parameter is not in the model
     */
    public static PairPath replay(RunConfig config, long toStep, ParameterIndex a, ParameterIndex b) {
        TrainingRun run = new TrainingRun(config);
        if (toStep < 0 || toStep > run.maxStep()) {
            throw new IllegalArgumentException("step must be in 0.." + run.maxStep() + " for this run");
        }
        Parameters theta = run.snapshot().parameters();
        a.checkIn(theta);
        b.checkIn(theta);
        int length = Math.toIntExact(toStep + 1);
        double[] va = new double[length];
        double[] vb = new double[length];
        va[0] = a.valueIn(theta);
        vb[0] = b.valueIn(theta);
        for (int t = 1; t < length; t++) {
            RunSnapshot s = run.step(1);
            if (s.step() != t) {
                throw new IllegalArgumentException("the run diverges after step " + s.step() + ", before " + toStep);
            }
            va[t] = a.valueIn(s.parameters());
            vb[t] = b.valueIn(s.parameters());
        }
        return new PairPath(va, vb);
    }

    /**
     * The same path for a live run, walked by its {@link TrainingRun#replica replica} (which keeps no measurements)
     * and continued from {@code known}, a path this run's configuration produced before (empty for none): only the
     * steps after it are computed, from the checkpoint before its end. Cost: at most (toStep − known's last step +
     * {@link TrainingRun#CHECKPOINT_INTERVAL}) steps, or toStep steps without a known path.
     */
    public static PairPath replay(TrainingRun run, PairPath known, long toStep, ParameterIndex a, ParameterIndex b) {
        int length = Math.toIntExact(toStep + 1);
        if (known.length() >= length) {
            return new PairPath(java.util.Arrays.copyOf(known.a(), length), java.util.Arrays.copyOf(known.b(), length));
        }
        TrainingRun replica = run.replica();
        int from = Math.max(0, known.length() - 1);
        RunSnapshot s = replica.goTo(from);
        a.checkIn(s.parameters());
        b.checkIn(s.parameters());
        double[] va = java.util.Arrays.copyOf(known.a(), length);
        double[] vb = java.util.Arrays.copyOf(known.b(), length);
        va[from] = a.valueIn(s.parameters());
        vb[from] = b.valueIn(s.parameters());
        for (int t = from + 1; t < length; t++) {
            s = replica.step(1);
            if (s.step() != t) {
                throw new IllegalArgumentException("the run diverges after step " + s.step() + ", before " + toStep);
            }
            va[t] = a.valueIn(s.parameters());
            vb[t] = b.valueIn(s.parameters());
        }
        return new PairPath(va, vb);
    }

    /** No steps: a path still to be walked. */
    public static final PairPath NONE = new PairPath(new double[0], new double[0]);
}
