package org.logitlab.bench;

import java.util.concurrent.TimeUnit;

import org.logitlab.core.Parameterization;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TrainingRun#step}(1) as the app calls it — batch GD on the app's blobs, K = 5 softmax over all 7
 * features, no test split — so its overhead over {@link CoreStepBench#step} (variant=core) at the same N shows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TrainingRunStepBench {

    @State(Scope.Benchmark)
    public static class Run {
        @Param({"1000", "5000"})
        public int n;

        TrainingRun run;

        /** A fresh run each iteration, so history and checkpoints stay as short as in a lesson. */
        @Setup(Level.Iteration)
        public void setUp() {
            run = new TrainingRun(Fixtures.blobsRun(n, 5, Fixtures.ALL_FEATURES, Parameterization.SOFTMAX));
        }
    }

    @Benchmark
    public RunSnapshot step(Run r) {
        return r.run.step(1);
    }
}
