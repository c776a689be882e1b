package org.logitlab.web.page;

import java.util.List;

/** {@code inspector}: the panel that takes one weight's gradient or one example's derivation apart. */
sealed interface InspectorView permits InspectorView.Closed, InspectorView.Weight, InspectorView.Example {
    /** "closed", "weight" or "example": which part of the panel the template shows. */
    String kind();

    /** The dataset indices of the examples ringed on the plot. */
    List<Integer> highlight();

    /** What keeps this panel open across steps ({@link Inspection#token}); empty when closed. */
    String token();

    /** A labelled formula with its textbook equation number (empty for a line that continues the one before). */
    record Equation(String tag, String tex) {
    }

    /** One example's term in a weight's gradient, as the table shows it; {@code label} is its class, 1…K. */
    record Contribution(int index, String x, int label, String error, String feature, String value, double raw) {
    }

    /** A labelled value. */
    record Item(String label, String value) {
    }

    /**
     * The L1 part of a parameter's next step (λ₁ > 0): w − ηg, the threshold ηλ₁ (0 for a bias) and the value after
     * the shrinkage, as shown and exact, with a {@code note} on the L1 term.
     */
    record L1Step(String unshrunk, double unshrunkValue, String threshold, double thresholdValue, String next,
                  double nextValue, String note) {
    }

    /** Nothing inspected: the general equations of the model in use. */
    record Closed(boolean sigmoid) implements InspectorView {
        @Override
        public String kind() {
            return "closed";
        }

        @Override
        public List<Integer> highlight() {
            return List.of();
        }

        @Override
        public String token() {
            return "";
        }
    }

    /**
     * One weight: (4.61) or (5.48) written out with this step's numbers, the central-difference check, the examples
     * that push it most (with {@code errorHeading} over their ŷ − y column), and its path over the steps
     * ({@code trajectory}, JSON for the chart); with λ₁ > 0 also the L1 part of its next step ({@code l1}, else
     * null).
     */
    record Weight(int k, int i, String titleTex, String errorHeading, List<Equation> equations, String weight,
                  String gradient,
                  double gradientValue, String numerical, double numericalValue, String relativeDifference,
                  String regularization, double regularizationValue, List<Contribution> contributions, String rest,
                  double restValue, List<Integer> highlight, String trajectory, L1Step l1) implements InspectorView {
        @Override
        public String kind() {
            return "weight";
        }

        @Override
        public String token() {
            return "w:" + k + "," + i;
        }
    }

    /**
     * One example: x, its class ({@code classLabel}, 1…K as people count), φ(x), the logits, the probabilities and
     * the loss, then the chain rule with its numbers, and its own (unaveraged) gradient of every weight.
     */
    record Example(int index, String x, String classLabel, String split, List<Item> features, List<Item> logits,
                   List<Item> probabilities, String loss, double lossValue, List<Equation> steps,
                   List<List<String>> gradientRows, List<String> gradientHeaders, boolean twoClassAvailable,
                   boolean twoClassSoftmax, List<Equation> softmaxSteps, List<Integer> highlight)
            implements InspectorView {
        @Override
        public String kind() {
            return "example";
        }

        @Override
        public String token() {
            return "x:" + index + (twoClassSoftmax ? ":s" : "");
        }
    }
}
