package org.logitlab.web.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Two live runs side by side, read one after the other: run a and run b. */
record Comparison(LabState.Live a, LabState.Live b) {
    /** The permalink query of the comparison: each run's own permalink query, as {@code a} and {@code b}. */
    String query() {
        return "a=" + URLEncoder.encode(a.query(), StandardCharsets.UTF_8) + "&b="
                + URLEncoder.encode(b.query(), StandardCharsets.UTF_8);
    }

    /** The address of the comparison in the page's language. */
    String address(String lang) {
        return "/compare?" + query() + "&lang=" + lang;
    }
}
