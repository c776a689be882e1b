package org.logitlab.web.page;

import java.util.List;
import java.util.Locale;

import org.logitlab.core.History;
import org.logitlab.core.Optimizer;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.RunStatus;

/**
 * What the page says when the learning rate is too large: the run diverged, or the objective J rose on several of
 * the last {@link #WINDOW} steps — each step overshoots the minimum. With batch gradient descent a step size that
 * fits the data never raises J; sgd and mini-batch are noisy, so for them J must also have risen over the window.
 */
final class LearningRateWarning {
    /** Steps looked back on. */
    static final int WINDOW = 10;
    /** Rises of J within the window that make a warning. */
    static final int RISES = 3;
    /** A diverged run's loss below this is explained as the work of huge weights. */
    static final double TINY_LOSS = 0.01;

    private LearningRateWarning() {
    }

    /** The warning for this state in the page's language, or null when there is nothing to warn about. */
    static String of(LabState.Live live, Locale locale) {
        RunSnapshot s = live.snapshot();
        double eta = s.hyperparameters().learningRate();
        String smaller = Numbers.sig(eta / 10, 3);
        if (s.status() == RunStatus.DIVERGED) {
            String said = Templates.message(locale, "warning.diverged", s.step(), Numbers.sig(eta, 3), smaller);
            // Huge weights can make the loss underflow towards 0: that must not read as a good model.
            return s.evaluation().trainLoss() < TINY_LOSS
                    ? said + " " + Templates.message(locale, "warning.divergedTinyLoss") : said;
        }
        List<History.Row> rows = live.recent();
        int rises = 0;
        for (int j = 1; j < rows.size(); j++) {
            if (rows.get(j).objective() > rows.get(j - 1).objective()) {
                rises++;
            }
        }
        boolean noisy = s.config().optimizer() != Optimizer.BATCH;
        boolean rose = rows.size() > 1 && rows.get(rows.size() - 1).objective() > rows.get(0).objective();
        if (rises >= RISES && (!noisy || rose)) {
            return Templates.message(locale, "warning.rising", rises, rows.size() - 1, Numbers.sig(eta, 3), smaller);
        }
        return null;
    }
}
