package org.logitlab.web.page;

import java.util.List;
import java.util.Locale;

import org.logitlab.core.Hyperparameters;
import org.logitlab.core.ProximalUpdate;
import org.logitlab.web.page.InspectorView.Equation;

/**
 * The weight inspector's L1 lines (λ₁ > 0), with this step's numbers: J with its L1 term, then the next step as
 * {@link ProximalUpdate} takes it — the smooth gradient step v = w − η·∂J_smooth/∂w, then the shrinkage
 * S(v, ηλ₁) = sign(v)·max(|v| − ηλ₁, 0). J's L2 form is the textbook's; the L1 term is LogitLab's addition, so these
 * lines carry no equation number.
 */
final class ProximalLines {
    private ProximalLines() {
    }

    /** ∂J_smooth: what the gradient lines differentiate once J has an L1 term. */
    static final String SMOOTH = "\\partial J_{\\text{smooth}}";

    /** J = (1/N) Σ L_CE + (λ₂/2)‖W‖² + λ₁‖W‖₁, its smooth part marked. */
    static Equation objective(boolean sigmoid) {
        String parameters = sigmoid ? "(\\mathbf{w}, b)" : "(W, \\mathbf{b})";
        String weights = sigmoid ? "\\mathbf{w}" : "W";
        String loss = sigmoid ? "L_{CE}\\big(\\sigma(\\mathbf{w}\\cdot\\mathbf{x}_n + b), y_n\\big)"
                : "L_{CE}(\\hat{\\mathbf{y}}_n, \\mathbf{y}_n)";
        return new Equation("", "\\begin{aligned}J" + parameters + " &= \\underbrace{\\frac{1}{N}\\sum_{n=1}^{N} "
                + loss + " + \\frac{\\lambda_2}{2}\\lVert " + weights + "\\rVert^2}_{J_{\\text{smooth}}} "
                + "\\\\ &\\quad + \\lambda_1\\lVert " + weights + "\\rVert_1\\end{aligned}");
    }

    /** The next step of parameter {@code name} written out: the smooth step, then (for a weight) the shrinkage. */
    static List<Equation> step(String name, ProximalUpdate u, Hyperparameters hp, boolean bias) {
        String next = name + "'";
        Equation smooth = new Equation("", Derivations.aligned(bias ? next : "v", name + " - \\eta\\,\\frac{"
                + SMOOTH + "}{\\partial " + name + "}", Tex.paren(u.weight()) + " - " + Tex.num(hp.learningRate())
                + " \\times " + Tex.paren(u.gradient()), Tex.num(u.unshrunk())));
        if (bias) {
            return List.of(smooth);
        }
        String sign = u.unshrunk() > 0 ? "(+1)" : u.unshrunk() < 0 ? "(-1)" : "0";
        return List.of(smooth,
                new Equation("", "\\eta\\lambda_1 = " + Tex.num(hp.learningRate()) + " \\times " + Tex.num(hp.l1())
                        + " = " + Tex.num(u.threshold())),
                new Equation("", Derivations.aligned(next, "S(v, \\eta\\lambda_1) = \\operatorname{sign}(v)\\,"
                        + "\\max(|v| - \\eta\\lambda_1, 0)", sign + "\\cdot\\max(" + Tex.num(Math.abs(u.unshrunk()))
                        + " - " + Tex.num(u.threshold()) + ", 0)", Tex.num(u.next()))));
    }

    /** The facts beside the lines, exact values for scripts, and the note on where the L1 term comes from. */
    static InspectorView.L1Step view(ProximalUpdate u, boolean bias, Locale locale) {
        return new InspectorView.L1Step(Numbers.sig(u.unshrunk(), 8), u.unshrunk(), Numbers.sig(u.threshold(), 8),
                u.threshold(), Numbers.sig(u.next(), 8), u.next(),
                Templates.message(locale, bias ? "inspector.l1Bias" : "inspector.l1Note"));
    }
}
