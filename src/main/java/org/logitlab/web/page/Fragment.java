package org.logitlab.web.page;

import java.util.EnumSet;
import java.util.Set;

/** The named fragments of the lab template that an answer can render on their own. */
enum Fragment {
    /** The main region: controls, plot, numbers, tables (a new run, or a change of data). */
    LAB("lab"),
    RUNREF("runref"),
    LANGUAGES("languages"),
    TRANSPORT("transport"),
    PLOT_UNDER("plot-under"),
    /** The points and axes: drawn with the lab, and in the SVG export. */
    PLOT_POINTS("plot-points"),
    PLOT_OVER("plot-over"),
    METRICS("metrics"),
    CHART_FEED("chart-feed"),
    GRADIENTS("gradients"),
    INSPECTOR("inspector"),
    /** The loss landscape's panel; sent with a step only while it is open. */
    LANDSCAPE("landscape"),
    MESSAGE("message"),
    /** A refused CSV file's message beside the file control, swapped in with the message. */
    CSV_ERROR("csv-error");

    /** What every step, back, seek, reset or tuning changes (the inspector only when it is open). */
    static final Set<Fragment> STEP = EnumSet.of(RUNREF, LANGUAGES, TRANSPORT, PLOT_UNDER, PLOT_OVER, METRICS,
            CHART_FEED, GRADIENTS, MESSAGE);
    /** What a new run or new data swaps in: the whole lab, and the language links that carry its permalink. */
    static final Set<Fragment> NEW_LAB = EnumSet.of(LAB, LANGUAGES);

    private final String selector;

    Fragment(String selector) {
        this.selector = selector;
    }

    /** The fragment's name in the template ({@code th:fragment}). */
    String selector() {
        return selector;
    }
}
