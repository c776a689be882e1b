package org.logitlab.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One coordinate of θ: entry {@code index} of weight vector {@code row}, where {@code index} equal to the number of
 * features means that row's bias, as in {@link Parameters#get(int, int)} and the API's {@code /weights/{k}/{i}}.
 */
public record ParameterIndex(int row, int index) {

    /** True when this coordinate is a bias (not regularized) for models over {@code dimension} features. */
    public boolean isBias(int dimension) {
        return index == dimension;
    }

    public double valueIn(Parameters theta) {
        return theta.get(row, index);
    }

    /** Throws unless this names a weight or a bias of parameters shaped like {@code theta}. */
    public void checkIn(Parameters theta) {
        if (row < 0 || row >= theta.rows() || index < 0 || index > theta.dimension()) {
            throw new IllegalArgumentException("no parameter (" + row + ", " + index + ") in " + theta.rows()
                    + " row(s) of " + theta.dimension() + " feature(s) and a bias");
        }
    }

    /**
     * The default pair for a loss landscape: the two coordinates with the largest |θ_now − θ_start|, in table
     * order (row by row, each row's weights and then its bias), with ties going to the earlier one. If fewer than
     * two moved at all, the first two weights in table order instead (a weight and the bias when the model has a
     * single weight). θ_start is the run's θ at step 0: {@code new TrainingRun(config).snapshot().parameters()}.
     */
    public static List<ParameterIndex> mostMoved(Parameters start, Parameters now) {
        List<ParameterIndex> order = tableOrder(now);
        int first = -1;
        int second = -1;
        double firstMove = 0;
        double secondMove = 0;
        for (int p = 0; p < order.size(); p++) {
            double move = Math.abs(order.get(p).valueIn(now) - order.get(p).valueIn(start));
            if (move > firstMove) {
                second = first;
                secondMove = firstMove;
                first = p;
                firstMove = move;
            } else if (move > secondMove) {
                second = p;
                secondMove = move;
            }
        }
        if (second < 0) {
            List<ParameterIndex> weights = new ArrayList<>(order.stream().filter(i -> !i.isBias(now.dimension()))
                    .limit(2).toList());
            if (weights.size() < 2) {
                weights.add(new ParameterIndex(0, now.dimension()));
            }
            return List.copyOf(weights);
        }
        return List.of(order.get(Math.min(first, second)), order.get(Math.max(first, second)));
    }

    private static List<ParameterIndex> tableOrder(Parameters theta) {
        List<ParameterIndex> order = new ArrayList<>();
        for (int r = 0; r < theta.rows(); r++) {
            for (int i = 0; i <= theta.dimension(); i++) {
                order.add(new ParameterIndex(r, i));
            }
        }
        return order;
    }
}
