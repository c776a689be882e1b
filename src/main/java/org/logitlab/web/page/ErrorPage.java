package org.logitlab.web.page;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.logitlab.text.Reason;
import org.logitlab.web.i18n.Messages;

/**
 * A refusal shown to a person, in the page's language: beside the controls for the page's htmx requests (the message
 * fragment, swapped out of band, the page keeping its state), or as a small page of its own for a plain form post or
 * link.
 */
public final class ErrorPage {
    private final Templates templates;

    public ErrorPage(Templates templates) {
        this.templates = templates;
    }

    /** The refusal of {@code field} as HTML: the message fragment for htmx, else a page of its own. */
    public String html(Locale locale, String field, Reason reason, boolean htmx) {
        return htmx ? fragment(locale, field, reason) : templates.render("error", Set.of(), locale,
                Map.of("message", message(locale, field, reason), "oob", false, "lang", locale.getLanguage()));
    }

    /**
     * The message fragment, swapped out of band: what the page shows beside its controls; with the message beside
     * the file control too when the CSV form was refused (the page keeps its run and the form what was chosen).
     */
    String fragment(Locale locale, String field, Reason reason) {
        Set<String> fragments = CsvForm.FIELDS.contains(field)
                ? Set.of(Fragment.MESSAGE.selector(), Fragment.CSV_ERROR.selector())
                : Set.of(Fragment.MESSAGE.selector());
        return templates.render("lab", fragments, locale,
                Map.of("message", message(locale, field, reason), "oob", true, "lang", locale.getLanguage()));
    }

    /** The message view: the control's name (see {@link FieldNames}), then what is wrong, in {@code locale}. */
    static Views.Message message(Locale locale, String field, Reason reason) {
        return new Views.Message(Messages.message(locale, "error.field", FieldNames.of(locale, field),
                Messages.say(locale, reason)), field);
    }
}
