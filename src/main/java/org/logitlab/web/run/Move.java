package org.logitlab.web.run;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

import org.logitlab.core.DivergedException;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.StepLimitException;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.input.FieldError;

/**
 * A change a request makes to a run, with what it costs, so that the {@link WorkLimiter} can weigh it before any
 * work is done. A move past the run's last step is refused naming the field that asked for it.
 */
public interface Move {
    /** The work this move would do to {@code run}, in the units of the work limit. */
    long cost(TrainingRun run);

    /** Makes the move (under the run's lock, like every method of the run). */
    RunSnapshot apply(TrainingRun run);

    /** A move from what it costs and what it does. */
    static Move of(ToLongFunction<TrainingRun> cost, Function<TrainingRun, RunSnapshot> apply) {
        return new Move() {
            @Override
            public long cost(TrainingRun run) {
                return cost.applyAsLong(run);
            }

            @Override
            public RunSnapshot apply(TrainingRun run) {
                return apply.apply(run);
            }
        };
    }

    /** Up to {@code count} steps forward; at the last step, refused naming {@code count}. */
    static Move steps(int count) {
        return of(run -> count * run.workPerStep(), run -> {
            try {
                return run.step(count);
            } catch (StepLimitException e) {
                throw FieldError.invalid("count", e.reason());
            }
        });
    }

    /** To step {@code target}, back or forward; past the last step, refused naming {@code field}. */
    static Move to(long target, String field) {
        return of(run -> run.workToReach(target), run -> {
            try {
                return run.goTo(target);
            } catch (StepLimitException e) {
                throw FieldError.invalid(field, e.reason());
            }
        });
    }

    /** Back {@code count} steps (to step 0 at most). */
    static Move back(int count) {
        return of(run -> run.workToReach(Math.max(0, run.step() - count)),
                run -> run.goTo(Math.max(0, run.step() - count)));
    }

    /** New hyperparameters from the current step on, computed from the ones in force. */
    static Move tune(UnaryOperator<Hyperparameters> change) {
        return of(TrainingRun::workPerStep, run -> run.changeHyperparameters(change));
    }

    /** This move, or none for a run that has diverged: the page shows where it stopped rather than a refusal. */
    default Move unlessDiverged() {
        return stayingWhen(this, e -> e instanceof DivergedException);
    }

    /**
     * This move, or none for a run that cannot make it (diverged, or at its last step): for runs moved together,
     * where one run's end does not stop the other.
     */
    default Move orStay() {
        return stayingWhen(this, e -> e instanceof DivergedException || e instanceof FieldError);
    }

    private static Move stayingWhen(Move move, Predicate<RuntimeException> stays) {
        return of(move::cost, run -> {
            try {
                return move.apply(run);
            } catch (RuntimeException e) {
                if (stays.test(e)) {
                    return run.snapshot();
                }
                throw e;
            }
        });
    }

    /** No change: the run as it stands. */
    Move STAY = of(run -> 0, TrainingRun::snapshot);
}
