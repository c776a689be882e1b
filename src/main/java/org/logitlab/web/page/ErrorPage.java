package org.logitlab.web.page;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A refusal shown to a person: beside the controls for the page's htmx requests (the message fragment, swapped out
 * of band, the page keeping its state), or as a small page of its own for a plain form post or link.
 */
public final class ErrorPage {
    private final Templates templates;

    public ErrorPage(Templates templates) {
        this.templates = templates;
    }

    /** {@code text} (already naming its field) as HTML: the message fragment for htmx, else a page of its own. */
    public String html(Locale locale, String text, String field, boolean htmx) {
        return htmx ? message(locale, text, field) : templates.render("error", Set.of(), locale,
                Map.of("message", new Views.Message(text, field), "oob", false, "lang", locale.getLanguage()));
    }

    /** The message fragment alone, swapped out of band: what the page shows beside its controls. */
    String message(Locale locale, String text, String field) {
        return templates.render("lab", Set.of(Fragment.MESSAGE.selector()), locale,
                Map.of("message", new Views.Message(text, field), "oob", true, "lang", locale.getLanguage()));
    }
}
