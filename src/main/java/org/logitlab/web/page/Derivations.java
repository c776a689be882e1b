package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.List;

import org.logitlab.core.ExampleAnalysis;
import org.logitlab.core.Numerics;
import org.logitlab.core.Parameters;
import org.logitlab.web.page.InspectorView.Equation;

/** The textbook's derivations, step by step, with one example's numbers in them. */
final class Derivations {
    private Derivations() {
    }

    /** Terms per line when a long sum is broken over several lines, so that no formula needs a sideways scroll. */
    static final int TERMS_PER_LINE = 3;

    /**
     * Binary logistic regression: (4.56) → (4.57) → (4.58) → (4.59)–(4.61). The class is counted 1…K as people
     * count it ({@code c}); y is the textbook's 0/1, with y = 1 for class 2.
     */
    static List<Equation> sigmoid(ExampleAnalysis a, Parameters theta) {
        List<Equation> out = new ArrayList<>();
        double z = a.logits()[0];
        double p = Numerics.sigmoid(z);
        int y = a.label();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < a.features().length; i++) {
            terms.add(Tex.paren(theta.weight(0, i)) + " \\times " + Tex.paren(a.features()[i]));
        }
        terms.add(Tex.paren(theta.bias(0)));
        out.add(new Equation("", aligned("z", "\\mathbf{w}\\cdot\\mathbf{x} + b", sum(terms), Tex.num(z))));
        out.add(new Equation("", "\\hat{y} = \\sigma(z) = \\frac{1}{1 + e^{-z}} = " + Tex.num(p)
                + ",\\quad c = " + (y + 1) + ",\\ y = " + y));
        out.add(new Equation("", aligned("L_{CE}", "-[y \\log \\sigma(z) + (1 - y)\\log(1 - \\sigma(z))]",
                (y == 1 ? "-\\log " + Tex.num(p) : "-\\log(1 - " + Tex.num(p) + ")"), Tex.num(a.loss()))));
        out.add(new Equation("(4.56)", "\\frac{d}{dx}\\ln x = \\frac{1}{x}"));
        out.add(new Equation("(4.57)", "\\frac{d\\sigma(z)}{dz} = \\sigma(z)(1 - \\sigma(z)) = " + Tex.num(p)
                + " \\times " + Tex.num(1 - p) + " = " + Tex.num(p * (1 - p))));
        out.add(new Equation("(4.58)", "\\frac{\\partial L_{CE}}{\\partial w_j} = \\frac{\\partial L_{CE}}"
                + "{\\partial \\sigma}\\cdot\\frac{d\\sigma}{dz}\\cdot\\frac{\\partial z}{\\partial w_j}"));
        out.add(new Equation("(4.59)", "\\begin{aligned}\\frac{\\partial L_{CE}}{\\partial w_j} &= -\\Big[y\\,"
                + "\\frac{\\partial}{\\partial w_j}\\log\\sigma(\\mathbf{w}\\cdot\\mathbf{x}+b) \\\\ &\\qquad + (1-y)\\,"
                + "\\frac{\\partial}{\\partial w_j}\\log\\big(1-\\sigma(\\mathbf{w}\\cdot\\mathbf{x}+b)\\big)\\Big]"
                + "\\end{aligned}"));
        out.add(new Equation("(4.60)", aligned("\\frac{\\partial L_{CE}}{\\partial \\sigma}",
                "-\\Big[\\frac{y}{\\sigma(z)} - \\frac{1 - y}{1 - \\sigma(z)}\\Big]", "-\\Big[\\frac{" + y + "}{"
                + Tex.num(p) + "} - \\frac{" + (1 - y) + "}{" + Tex.num(1 - p) + "}\\Big]",
                Tex.num(-(y / p - (1 - y) / (1 - p))))));
        out.add(new Equation("(4.61)", aligned("\\frac{\\partial L_{CE}}{\\partial w_j}",
                "[\\sigma(\\mathbf{w}\\cdot\\mathbf{x} + b) - y]\\, x_j", "(" + Tex.num(p) + " - " + y + ")\\, x_j",
                Tex.num(a.error()[0]) + "\\, x_j")));
        StringBuilder grads = new StringBuilder("\\begin{aligned}");
        for (int j = 0; j < a.features().length; j++) {
            grads.append("\\frac{\\partial L}{\\partial w_{").append(j + 1).append("}} &= ")
                    .append(Tex.paren(a.error()[0])).append(" \\times ").append(Tex.paren(a.features()[j]))
                    .append(" = ").append(Tex.num(a.gradientWeights()[0][j])).append(" \\\\ ");
        }
        grads.append("\\frac{\\partial L}{\\partial b} &= ").append(Tex.num(a.error()[0])).append("\\end{aligned}");
        out.add(new Equation("", grads.toString()));
        return out;
    }

    /** {@code left = definition = numbers = value}, one "=" per line, lined up at the "=". */
    static String aligned(String left, String definition, String numbers, String value) {
        return "\\begin{aligned}" + left + " &= " + definition + " \\\\ &= " + numbers + " \\\\ &= " + value
                + "\\end{aligned}";
    }

    /** A sum of terms, {@link #TERMS_PER_LINE} to a line (lines after the first indented, for an aligned block). */
    static String sum(List<String> terms) {
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < terms.size(); j++) {
            if (j > 0) {
                out.append(j % TERMS_PER_LINE == 0 ? " \\\\ &\\quad + " : " + ");
            }
            out.append(terms.get(j));
        }
        return out.toString();
    }

    /** Multinomial logistic regression: (5.45) → (5.46) → (5.47) and (5.48). */
    static List<Equation> softmax(ExampleAnalysis a) {
        List<Equation> out = new ArrayList<>();
        int classes = a.probabilities().length;
        int c = a.label();
        StringBuilder z = new StringBuilder("\\mathbf{z} = W\\mathbf{x} + \\mathbf{b} = (");
        StringBuilder yHat = new StringBuilder("\\hat{\\mathbf{y}} = \\operatorname{softmax}(\\mathbf{z}) = (");
        StringBuilder y = new StringBuilder("\\mathbf{y} = (");
        for (int k = 0; k < classes; k++) {
            String sep = k == 0 ? "" : ", ";
            z.append(sep).append(Tex.num(a.logits()[k]));
            yHat.append(sep).append(Tex.num(a.probabilities()[k]));
            y.append(sep).append(k == c ? 1 : 0);
        }
        out.add(new Equation("", z.append(")").toString()));
        out.add(new Equation("", yHat.append(")").toString()));
        out.add(new Equation("", y.append("),\\quad c = ").append(c + 1).toString()));
        out.add(new Equation("(5.45)", "L_{CE}(\\hat{\\mathbf{y}}, \\mathbf{y}) = -\\sum_{k=1}^{K} y_k \\log \\hat{y}_k"));
        out.add(new Equation("(5.46)", "= -\\log \\hat{y}_c = -\\log " + Tex.num(a.probabilities()[c]) + " = "
                + Tex.num(a.loss())));
        out.add(new Equation("(5.47)", "= -\\log \\frac{\\exp(z_c)}{\\sum_{j=1}^{K} \\exp(z_j)} = -\\log \\frac{e^{"
                + Tex.num(a.logits()[c]) + "}}{\\sum_j e^{z_j}} = " + Tex.num(a.loss())));
        out.add(new Equation("(5.48)", "\\frac{\\partial L_{CE}}{\\partial w_{k,i}} = -(y_k - \\hat{y}_k)\\, x_i"));
        for (int k = 0; k < classes; k++) {
            int yk = k == c ? 1 : 0;
            StringBuilder row = new StringBuilder("\\begin{aligned}k = " + (k + 1) + ":\\ -(y_{" + (k + 1)
                    + "} - \\hat{y}_{" + (k + 1) + "}) &= -(" + yk + " - " + Tex.num(a.probabilities()[k]) + ") = "
                    + Tex.num(a.error()[k]));
            for (int i = 0; i < a.features().length; i++) {
                row.append(i % TERMS_PER_LINE == 0 ? " \\\\ " : ",\\quad ").append(i % TERMS_PER_LINE == 0 ? "&" : "")
                        .append("\\frac{\\partial L}{\\partial w_{").append(k + 1).append(',').append(i + 1)
                        .append("}} = ").append(Tex.num(a.gradientWeights()[k][i]));
            }
            out.add(new Equation("", row.append("\\end{aligned}").toString()));
        }
        return out;
    }

    /**
     * The same example under two-class softmax with w₁ = 0, b₁ = 0 and w₂ = w, b₂ = b: softmax((0, z)) equals
     * (1 − σ(z), σ(z)), so the probabilities agree.
     */
    static List<Equation> asTwoClassSoftmax(ExampleAnalysis a) {
        double z = a.logits()[0];
        double[] softmax = new double[2];
        double lse = Numerics.logSumExp(new double[] {0, z}, 2);
        softmax[0] = StrictMath.exp(0 - lse);
        softmax[1] = StrictMath.exp(z - lse);
        List<Equation> out = new ArrayList<>();
        out.add(new Equation("", "\\mathbf{w}_1 = \\mathbf{0},\\ b_1 = 0,\\quad \\mathbf{w}_2 = \\mathbf{w},\\ b_2 = b"
                + "\\ \\Rightarrow\\ \\mathbf{z} = (0, " + Tex.num(z) + ")"));
        out.add(new Equation("", "\\operatorname{softmax}(\\mathbf{z}) = (" + Tex.num(softmax[0]) + ", "
                + Tex.num(softmax[1]) + ")"));
        out.add(new Equation("", "(1 - \\sigma(z), \\sigma(z)) = (" + Tex.num(a.probabilities()[0]) + ", "
                + Tex.num(a.probabilities()[1]) + ")\\ \\checkmark"));
        return out;
    }
}
