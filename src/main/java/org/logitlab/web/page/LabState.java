package org.logitlab.web.page;

import java.util.List;

import org.logitlab.core.History;
import org.logitlab.core.RunConfig;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.core.Trajectory;
import org.logitlab.render.Landscape;

/** What the page shows: a live run read at one moment, or the empty canvas of a custom dataset. */
sealed interface LabState permits LabState.Live, LabState.Canvas {
    /** The configuration the controls show. */
    RunConfig config();

    /** The permalink query that reproduces this state. */
    String query();

    /** How the run got here, which decides what the page is sent besides the new state. */
    enum Change {
        /** A new run, or the whole page: everything is sent. */
        NEW,
        /** One or more steps forward: the charts and the weight chart only need the new points. */
        STEP,
        /** Back, a seek or a reset: the charts drop what lies past the new step. */
        JUMP,
        /** New hyperparameters at the current step: that step's J is measured again. */
        TUNE,
        /** Nothing moved (the inspector opened or closed). */
        LOOK
    }

    /**
     * A live run read under its lock: the snapshot, how far it has been computed, and the chart rows that go with
     * it, so that no row runs past the step counter it is sent with.
     *
     * @param furthestStep the furthest step computed, for the timeline
     * @param chart        what the charts must drop and append
     * @param recent       the measurements of the last few steps up to this one, for the learning-rate warning
     * @param trajectory   the inspected weight's path, when the weight inspector opens (else null)
     * @param landscape    the loss landscape, when its panel is open (else null)
     */
    record Live(String id, TrainingRun run, RunSnapshot snapshot, long furthestStep, String query, Chart chart,
                Change change, List<History.Row> recent, Trajectory trajectory, Landscape landscape)
            implements LabState {
        @Override
        public RunConfig config() {
            return snapshot.config();
        }

        Live withTrajectory(Trajectory t) {
            return new Live(id, run, snapshot, furthestStep, query, chart, change, recent, t, landscape);
        }

        Live withLandscape(Landscape shown) {
            return new Live(id, run, snapshot, furthestStep, query, chart, change, recent, trajectory, shown);
        }
    }

    /** A custom dataset with no points yet: a canvas to click the first point onto. It has no run. */
    record Canvas(RunConfig config, String query) implements LabState {
    }

    /**
     * The charts' update: keep the points of steps before {@code keep}, then append {@code rows}.
     */
    record Chart(long keep, List<History.Row> rows) {
    }
}
