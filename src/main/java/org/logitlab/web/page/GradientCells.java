package org.logitlab.web.page;

import java.util.List;
import java.util.Locale;

import org.unbescape.html.HtmlEscape;

/**
 * A row of the gradient table's cells as markup, written here rather than by Thymeleaf: every step swaps in every
 * cell (15 at K = 5 with two features, 40 with seven), and Thymeleaf's attribute processors spent about 8 µs on
 * each cell's dozen expressions: about half of the step fragments' rendering, two-thirds with seven features. Writing
 * them here takes a small fraction of that. {@code lab.html} keeps one cell of the same markup as the placeholder it
 * replaces, so the template still opens as the page.
 *
 * <p>A cell: {@code <td style data-weight data-gradient class="zero">} (no style when it is empty, the class only
 * for a zero) around the button that opens it in the inspector, holding the screen-reader label, the weight
 * {@code .w}, the "exactly" mark {@code .z} of a weight L1 holds at 0, the gradient {@code .g}, the update {@code .u}
 * and the last step's move {@code .m} (none at step 0). Text and attribute values are escaped as Thymeleaf escapes
 * them ({@link HtmlEscape#escapeHtml4Xml}).
 */
final class GradientCells {
    private final String gradientLabel;
    private final String updateLabel;
    private final String movedLabel;
    private final String zeroMark;

    /** The labels in {@code locale}; with {@code l1}, the update is the proximal step's Δ rather than −ηg. */
    GradientCells(Locale locale, boolean l1) {
        gradientLabel = escape(Templates.message(locale, "gradients.g"));
        updateLabel = escape(Templates.message(locale, l1 ? "gradients.updateL1" : "gradients.update"));
        movedLabel = escape(Templates.message(locale, "gradients.moved"));
        zeroMark = escape(Templates.message(locale, "gradients.zero"));
    }

    /** The cells of one row, in order. */
    String write(List<GradientTable.Cell> cells) {
        StringBuilder out = new StringBuilder(cells.size() * 420);
        for (GradientTable.Cell c : cells) {
            out.append("<td");
            if (!c.style().isEmpty()) {
                out.append(" style=\"").append(escape(c.style())).append('"');
            }
            String key = escape(c.key());
            out.append(" data-weight=\"").append(key).append("\" data-gradient=\"").append(c.gradientValue())
                    .append('"');
            if (c.zero()) {
                out.append(" class=\"zero\"");
            }
            out.append("><button type=\"submit\" name=\"inspect\" value=\"w:").append(key).append("\">")
                    .append("<span class=\"sr-only\">").append(escape(c.label())).append("</span>")
                    .append("<b class=\"w\">").append(escape(c.weight())).append("</b>");
            if (c.zero()) {
                out.append("<span class=\"z\" aria-hidden=\"true\">").append(zeroMark).append("</span>");
            }
            out.append("<span class=\"g\">").append(gradientLabel).append(" <b>").append(escape(c.gradient()))
                    .append("</b></span><span class=\"u\">").append(updateLabel).append(' ')
                    .append(escape(c.update())).append("</span>");
            if (c.moved() != null) {
                out.append("<span class=\"m\">").append(movedLabel).append(' ').append(escape(c.moved()))
                        .append("</span>");
            }
            out.append("</button></td>");
        }
        return out.toString();
    }

    private static String escape(String text) {
        return HtmlEscape.escapeHtml4Xml(text);
    }
}
