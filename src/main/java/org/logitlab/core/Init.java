package org.logitlab.core;

import org.logitlab.text.Sentence;

import java.util.SplittableRandom;

/** Where gradient descent starts. */
public sealed interface Init {

    /** Builds θ₀ for {@code rows} weight vectors over {@code dimension} features. */
    Parameters parameters(int rows, int dimension, SplittableRandom random);

    /** All weights and biases 0. */
    record Zeros() implements Init {
        @Override
        public Parameters parameters(int rows, int dimension, SplittableRandom random) {
            return Parameters.zeros(rows, dimension);
        }
    }

    /** Small seeded weights, uniform in [−0.1, 0.1); biases 0. */
    record Random() implements Init {
        @Override
        public Parameters parameters(int rows, int dimension, SplittableRandom random) {
            double[] w = new double[rows * dimension];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextDouble(-0.1, 0.1);
            }
            return Parameters.of(rows, dimension, w, new double[rows]);
        }
    }

    /** The caller's own θ₀. */
    record Explicit(Parameters start) implements Init {
        @Override
        public Parameters parameters(int rows, int dimension, SplittableRandom random) {
            if (start.rows() != rows || start.dimension() != dimension) {
                throw new InvalidConfigException("init", Sentence.INIT_SHAPE, rows, dimension);
            }
            if (!start.isFinite()) {
                throw new InvalidConfigException("init", Sentence.INIT_NOT_FINITE);
            }
            return start;
        }
    }
}
