package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.Json;

/**
 * How the page is shown for a lesson, kept in its permalink: panels hidden ({@code hide=gradients,charts}, also
 * {@code test} for the test points and {@code controls}, {@code inspector}), and the output discretized (crisp class
 * regions instead of shaded confidence, {@code discretize=1}). A teacher shows one idea at a time.
 */
record Lesson(Set<String> hidden, boolean discretize) {
    /** What can be hidden. */
    static final List<String> PANELS = List.of("test", "controls", "gradients", "charts", "inspector");
    static final Lesson PLAIN = new Lesson(Set.of(), false);

    Lesson {
        hidden = Set.copyOf(new TreeSet<>(hidden));
    }

    /** From the {@code hide} and {@code discretize} parameters (absent: nothing hidden, shaded output). */
    static Lesson of(String hide, String discretize) {
        Set<String> hidden = new TreeSet<>();
        if (hide != null) {
            for (String panel : hide.split(",")) {
                if (panel.isBlank()) {
                    continue;
                }
                if (!PANELS.contains(panel.trim())) {
                    throw FieldError.invalid("hide", "error.lesson.hide", String.join(", ", PANELS));
                }
                hidden.add(panel.trim());
            }
        }
        if (discretize != null && !discretize.isEmpty() && !discretize.equals("1") && !discretize.equals("0")) {
            throw FieldError.invalid("discretize", "error.lesson.discretize");
        }
        return new Lesson(hidden, "1".equals(discretize));
    }

    /** The hidden panels, comma-separated, in a fixed order. */
    public String hideList() {
        return String.join(",", new TreeSet<>(hidden));
    }

    /** What the permalink adds after the run's own query: {@code &hide=...&discretize=1}, or nothing. */
    String query() {
        return (hidden.isEmpty() ? "" : "&hide=" + hideList()) + (discretize ? "&discretize=1" : "");
    }

    /**
     * One switch of the lesson panel: its message key, whether it is on, the page with it flipped (a link that works
     * without script) and the same as the values the htmx request sends.
     */
    record Toggle(String key, boolean on, String href, String values) {
    }

    /** The switches for a page at permalink query {@code state}. */
    List<Toggle> toggles(String state) {
        List<Toggle> out = new ArrayList<>();
        out.add(toggle("showTest", !hidden.contains("test"), flip("test"), discretize, state));
        out.add(toggle("discretize", discretize, hidden, !discretize, state));
        for (String panel : List.of("controls", "gradients", "charts", "inspector")) {
            out.add(toggle("show." + panel, !hidden.contains(panel), flip(panel), discretize, state));
        }
        return out;
    }

    private Set<String> flip(String panel) {
        Set<String> next = new TreeSet<>(hidden);
        if (!next.remove(panel)) {
            next.add(panel);
        }
        return next;
    }

    private static Toggle toggle(String key, boolean on, Set<String> hidden, boolean discretize, String state) {
        Lesson next = new Lesson(hidden, discretize);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("hide", next.hideList());
        values.put("discretize", discretize ? "1" : "");
        return new Toggle(key, on, "/?" + state + next.query(), Json.write(values));
    }
}
