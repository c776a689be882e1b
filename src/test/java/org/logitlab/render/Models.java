package org.logitlab.render;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.LogisticModel;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;

/** A random model to draw: K, sigmoid or softmax, a feature subset and θ, plus an independent evaluation of it. */
record Models(LogisticModel model, FeatureMap map, Parameters theta) {

    /** Generated models; {@code curved} forces at least one non-linear feature. */
    static Arbitrary<Models> any(boolean curved) {
        Arbitrary<Integer> classes = Arbitraries.integers().between(2, 8);
        Arbitrary<Boolean> sigmoid = Arbitraries.of(true, false);
        Arbitrary<List<Feature>> features = new FeatureLists().get()
                .filter(list -> !curved || list.stream().anyMatch(f -> !f.isLinear()));
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(classes, sigmoid, features, seed).as((k, s, f, seedValue) -> {
            Parameterization p = k == 2 && s ? Parameterization.SIGMOID : Parameterization.SOFTMAX;
            LogisticModel model = new LogisticModel(k, p, f.size());
            java.util.SplittableRandom random = new java.util.SplittableRandom(seedValue);
            double[] w = new double[model.rows() * f.size()];
            double[] b = new double[model.rows()];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextDouble(-2, 2);
            }
            for (int r = 0; r < b.length; r++) {
                b[r] = random.nextDouble(-2, 2);
            }
            return new Models(model, new FeatureMap(f), Parameters.of(model.rows(), f.size(), w, b));
        });
    }

    /** p(y | x1, x2) by the core's own forward pass. */
    double[] probabilities(double x1, double x2) {
        double[] z = new double[model.rows()];
        model.logits(theta, map.apply(x1, x2), 0, z);
        double[] p = new double[model.classes()];
        model.probabilities(z, p);
        return p;
    }

    /** The core's predicted class at (x1, x2). */
    int predict(double x1, double x2) {
        double[] z = new double[model.rows()];
        model.logits(theta, map.apply(x1, x2), 0, z);
        return model.predict(z);
    }

    @Override
    public String toString() {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < theta.rows(); r++) {
            StringBuilder row = new StringBuilder("b=" + theta.bias(r) + " w=");
            for (int j = 0; j < map.size(); j++) {
                row.append(theta.weight(r, j)).append(' ');
            }
            rows.add(row.toString());
        }
        return "K=" + model.classes() + " " + model.parameterization() + " " + map.keys() + " " + rows;
    }
}
