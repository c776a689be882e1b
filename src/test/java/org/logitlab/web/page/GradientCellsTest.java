package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * The gradient table's cells as {@link GradientCells} writes them, against the same cells written by Thymeleaf from
 * the template markup the page used before: the same bytes for any text, markup characters and all.
 */
class GradientCellsTest {
    /**
     * The cell as {@code lab.html} wrote it with Thymeleaf's processors, one per value. The Δw line's condition tests
     * for null: {@code lab.html} tested the text itself, which Thymeleaf reads as false for "no", "false" and "off",
     * texts a real Δw (a number) never is.
     */
    private static final String THYMELEAF_CELL = "<td th:each=\"c : ${cells}\" th:style=\"${c.style()}\""
            + " th:classappend=\"${c.zero()} ? 'zero'\""
            + " th:attr=\"data-weight=${c.key()},data-gradient=${c.gradientValue()}\">"
            + "<button type=\"submit\" name=\"inspect\" th:value=\"'w:' + ${c.key()}\">"
            + "<span class=\"sr-only\" th:text=\"${c.label()}\">label</span>"
            + "<b class=\"w\" th:text=\"${c.weight()}\">0</b>"
            + "<span class=\"z\" aria-hidden=\"true\" th:if=\"${c.zero()}\" th:text=\"${zeroMark}\">exactly</span>"
            + "<span class=\"g\">[[${gLabel}]] <b th:text=\"${c.gradient()}\">0</b></span>"
            + "<span class=\"u\" th:text=\"|${updateLabel} ${c.update()}|\">−ηg 0</span>"
            + "<span class=\"m\" th:if=\"${c.moved() != null}\" th:text=\"|${movedLabel} ${c.moved()}|\">Δw 0</span>"
            + "</button></td>";

    private static final TemplateEngine ENGINE = engine();

    private static TemplateEngine engine() {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    private static String byThymeleaf(List<GradientTable.Cell> cells, Locale locale, boolean l1) {
        Context context = new Context(locale, Map.of("cells", cells,
                "gLabel", Templates.message(locale, "gradients.g"),
                "updateLabel", Templates.message(locale, l1 ? "gradients.updateL1" : "gradients.update"),
                "movedLabel", Templates.message(locale, "gradients.moved"),
                "zeroMark", Templates.message(locale, "gradients.zero")));
        return ENGINE.process(THYMELEAF_CELL, context);
    }

    @Property(tries = 2000)
    void hand_written_cells_are_the_bytes_thymeleaf_wrote(@ForAll("cells") List<GradientTable.Cell> cells,
                                                          @ForAll boolean chinese, @ForAll boolean l1) {
        Locale locale = chinese ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        assertEquals(byThymeleaf(cells, locale, l1), new GradientCells(locale, l1).write(cells));
    }

    @Test
    void markup_in_a_label_stays_text() {
        GradientTable.Cell cell = new GradientTable.Cell("0,1", "<b>", "&amp;", 0.5, "\"x\"", "'y'",
                "background-color: rgba(0,114,178,0.5)", "<script>alert(1)</script>", true);
        Element td = Jsoup.parseBodyFragment("<table><tr>" + new GradientCells(Locale.ENGLISH, true)
                .write(List.of(cell)) + "</tr></table>").selectFirst("td");
        assertEquals("<script>alert(1)</script>", td.selectFirst(".sr-only").text());
        assertEquals("<b>", td.selectFirst(".w").text());
        assertEquals("&amp;", td.selectFirst(".g b").text());
        assertEquals("Δ \"x\"", td.selectFirst(".u").text());
        assertEquals("Δw 'y'", td.selectFirst(".m").text());
        assertEquals("w:0,1", td.selectFirst("button").attr("value"));
        assertEquals("zero", td.className());
        assertEquals(0, td.select("script").size());
    }

    @Provide
    Arbitrary<List<GradientTable.Cell>> cells() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12),
                Arbitraries.strings().withChars("<>&\"'−₁₂,. 0123456789eE+-").ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> style = Arbitraries.oneOf(Arbitraries.just(""), text);
        Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, 1e-20, -5.551115123125783E-20, Double.NaN));
        // A key is always "k,i" (Thymeleaf would drop an empty one, which never occurs).
        Arbitrary<String> key = Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 7)).as((k, i) -> k + "," + i);
        Arbitrary<GradientTable.Cell> cell = Combinators.combine(
                Combinators.combine(key, text, text, value).as(Arrays::<Object>asList),
                Combinators.combine(text, text.injectNull(0.3), style, text, Arbitraries.of(true, false))
                        .as(Arrays::<Object>asList))
                .as((a, b) -> new GradientTable.Cell((String) a.get(0), (String) a.get(1), (String) a.get(2),
                        (Double) a.get(3), (String) b.get(0), (String) b.get(1), (String) b.get(2),
                        (String) b.get(3), (Boolean) b.get(4)));
        return cell.list().ofMinSize(1).ofMaxSize(9);
    }
}
