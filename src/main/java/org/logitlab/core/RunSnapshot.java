package org.logitlab.core;

/**
 * An immutable view of a run at one step.
 *
 * @param config            the configuration, including the learning-rate/λ schedule up to now
 * @param previous          θ at the step before, or null at step 0 — for "how much each weight moved"
 * @param previousObjective J at the step before, or null at step 0 — for ΔJ
 */
public record RunSnapshot(RunConfig config, long step, RunStatus status, Parameters parameters, Evaluation evaluation,
                          Hyperparameters hyperparameters, Parameters previous, Double previousObjective) {
}
