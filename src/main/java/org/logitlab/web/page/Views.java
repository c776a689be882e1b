package org.logitlab.web.page;

import java.util.List;
import java.util.Map;

import org.logitlab.render.Palette;
import org.logitlab.render.PlotFrame;

/**
 * The typed views the lab template reads, one per fragment, each under its own variable name. A response builds
 * only the views of the fragments it renders ({@link LabViews}).
 */
final class Views {
    private Views() {
    }

    /** {@code ref}: the run the page holds, and the permalink query that rebuilds it. */
    record Ref(String runId, String state) {
    }

    /** {@code languages}: the page's address in each language; swapped out of band after a step or a new lab. */
    record Languages(String english, String chinese, boolean oob) {
    }

    /** {@code transport}: the step counter, the timeline's reach, and how the run stands. */
    record Transport(long step, long maxStep, String status, boolean converged, boolean diverged,
                     double learningRate, boolean blank) {
    }

    /**
     * {@code under}: the layer below the points — the confidence field (a PNG data URI), the decision boundaries
     * (an SVG path) and the weight arrows — with the weights the hover reads.
     */
    record Under(String field, String boundaries, List<Map<String, String>> arrows, String model) {
    }

    /** {@code over}: the rings above the points, round the misclassified and the highlighted examples. */
    record Over(String wrong, String highlighted) {
    }

    /**
     * {@code points}: the data and the axes, drawn once per run.
     *
     * @param features the feature table the hover computes p(y|x) from ({@link FeatureTable})
     * @param newClass the class a click adds on a custom canvas (0-based)
     * @param hasTest  whether some points are held out for testing
     */
    record Points(List<PlotView.Mark> marks, int classes, boolean custom, String features, int newClass,
                  boolean hasTest) {
    }

    /**
     * {@code metrics}: the numbers beside the plot, and the links that keep this state.
     *
     * @param warning what goes wrong with this learning rate (the objective rising, a divergence), or null
     * @param tied    every parameter is 0, so every class is equally likely everywhere: no prediction yet
     * @param compare the comparison of this state with itself, to change one setting of the second
     */
    record Metrics(boolean blank, String trainLoss, double trainLossValue, String objective, String testLoss,
                   String accuracy, String gradientNorm, double gradientNormValue, String deltaObjective,
                   String permalink, String exportQuery, String warning, boolean tied, String compare) {
    }

    /**
     * {@code feed}: the charts' update — drop the points of steps from {@code keep} on, then append {@code rows} —
     * and each chart's text alternative, its latest values.
     *
     * @param test whether there is a test split, so the test series belong in the charts
     */
    record Feed(String rows, long keep, boolean test, String lossSummary, String accuracySummary,
                String gradientSummary) {
    }

    /** {@code lesson}: what is hidden for a lesson, and the switches that change it. */
    record LessonView(String hideList, boolean discretize, List<Lesson.Toggle> toggles) {
    }

    /**
     * {@code gradients}: the gradient table (rows and cells: see {@link GradientTable}).
     *
     * @param l1   whether λ₁ > 0, so that the update column shows the proximal step's change and zeros are marked
     * @param run  the run and {@code step} the table is of (the page's script keeps a table back while playing, and
     *             drops one that belongs to another run)
     */
    record Gradients(boolean blank, List<String> headers, List<GradientTable.Row> rows, boolean l1, String run,
                     long step) {
        /** The table's weight columns: one per feature and the bias. */
        public int columns() {
            return headers.size() + 1;
        }
    }

    /**
     * {@code landscape}: the loss landscape's panel — closed (only its button), or J over two parameters with the
     * path they took, the current point and −∇J, all in the picture's {@link org.logitlab.render.Landscape#SIDE}
     * SVG units.
     *
     * @param token    the panel's field ({@link LandscapeAsk}): kept by every request of the page
     * @param options  every parameter, as the axis menus offer them
     * @param current  the current point {x, y}; {@code arrow} where −∇J points from it
     * @param a        the horizontal axis; {@code b} the vertical one
     */
    record LandscapeView(boolean open, boolean available, String token, List<Option> options, Axis a, Axis b,
                         String image, String contours, String path, double[] current, double[] arrow,
                         String objective, boolean logScale, String explanation) {
        static LandscapeView closed(boolean available) {
            return new LandscapeView(false, available, "", List.of(), null, null, "", "", "", null, null, "", false,
                    "");
        }
    }

    /** A parameter an axis can show: its {@code k,i} key and its name in the gradient table. */
    record Option(String key, String name) {
    }

    /** An axis of the landscape: its parameter, and the range of values shown. */
    record Axis(String key, String name, String low, String high) {
    }

    /** {@code tuning}: the learning rate and λs in force. */
    record Tuning(double learningRate, double l2, double l1) {
    }

    /**
     * {@code message}: what was not applied and why, beside the field that caused it; empty when all went well.
     *
     * @param value the refused value as it was sent, shown again in its control (null when there is none)
     */
    record Message(String text, String field, String value) {
        static final Message NONE = new Message(null, null, null);

        Message(String text, String field) {
            this(text, field, null);
        }

        /** Whether {@code name} is the control the message is about. */
        public boolean about(String name) {
            return name.equals(field);
        }
    }

    /**
     * {@code plot}: the plot's frame (in whole SVG units), axes and palette — the one source for the page, the SVG
     * export and the script (which reads the frame from the points layer's data attributes).
     */
    record Plot(int size, int left, int top, int span, int right, int bottom, int middleX, int middleY, int extent,
                List<PlotView.Tick> xTicks, List<PlotView.Tick> yTicks, List<String> colours, List<String> shapes) {
        static final Plot FRAME = new Plot(whole(PlotFrame.SIZE), whole(PlotFrame.LEFT), whole(PlotFrame.TOP),
                whole(PlotFrame.SPAN), whole(PlotFrame.LEFT + PlotFrame.SPAN), whole(PlotFrame.TOP + PlotFrame.SPAN),
                whole(PlotFrame.LEFT + PlotFrame.SPAN / 2), whole(PlotFrame.TOP + PlotFrame.SPAN / 2),
                whole(PlotFrame.EXTENT), PlotView.ticks(false), PlotView.ticks(true), Palette.COLOURS, Palette.SHAPES);

        private static int whole(double v) {
            if (v != Math.rint(v)) {
                throw new IllegalStateException("the plot frame is laid out in whole SVG units, not " + v);
            }
            return (int) v;
        }
    }
}
