package org.logitlab.web.page;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.render.PlotFrame;
import org.logitlab.web.input.Json;

/**
 * The feature map tabulated over the plot, so that the page's hover finds p(y|x) from the weights without a copy
 * of the feature formulas: every feature is column(x1) · row(x2) ({@link Feature#column}, {@link Feature#row}),
 * given at {@link #CELLS} + 1 evenly spaced values over [−6, 6] (every 0.05); a factor that is 1 is left out
 * (null). The hover then computes z_k = b_k + Σ_i w_{k,i} · column_i · row_i at the nearest grid value.
 */
final class FeatureTable {
    static final int CELLS = 240;
    private static final MathContext DIGITS = new MathContext(7);
    private static final Map<FeatureMap, String> TABLES = new ConcurrentHashMap<>();

    private FeatureTable() {
    }

    /** The table as JSON: {@code {"extent", "cells", "features": [{"column": [...] | null, "row": ... }]}}. */
    static String json(FeatureMap map) {
        return TABLES.computeIfAbsent(map, FeatureTable::build);
    }

    private static String build(FeatureMap map) {
        List<Factors> features = new ArrayList<>();
        for (Feature f : map.features()) {
            features.add(new Factors(f.dependsOnX1() ? values(f, true) : null,
                    f.dependsOnX2() ? values(f, false) : null));
        }
        return Json.write(new Table(PlotFrame.EXTENT, CELLS, features));
    }

    /** The table as the page reads it; records keep the JSON's key order the same from one start to the next. */
    record Table(double extent, int cells, List<Factors> features) {
    }

    /** A feature's values across the columns (x1) and down the rows (x2); null for the coordinate it ignores. */
    record Factors(double[] column, double[] row) {
    }

    private static double[] values(Feature f, boolean column) {
        double[] out = new double[CELLS + 1];
        for (int j = 0; j <= CELLS; j++) {
            double x = -PlotFrame.EXTENT + j * 2 * PlotFrame.EXTENT / CELLS;
            double v = column ? f.column(x) : f.row(x);
            // Seven digits are ample for probabilities shown to three, and keep the table small.
            out[j] = new BigDecimal(v).round(DIGITS).doubleValue();
        }
        return out;
    }
}
