package org.logitlab.web.page;

import java.util.Locale;

import org.logitlab.web.i18n.Messages;

/**
 * What the page calls a request's field when it says what went wrong with it: the control's own label in the page's
 * language ({@code field.<name>} in the bundles), the run's side first for the comparison's {@code a.} and
 * {@code b.}; a field with no label (a JSON path) is named as it was sent.
 */
public final class FieldNames {
    private FieldNames() {
    }

    public static String of(Locale locale, String field) {
        if (field.startsWith("a.") || field.startsWith("b.")) {
            return Messages.message(locale, "compare.run." + field.charAt(0)) + " · " + of(locale, field.substring(2));
        }
        String label = Messages.find(locale, "field." + field, null);
        return label != null ? label : field;
    }

    /** A setting's value as the controls show it (a dataset's, an optimizer's, a start's or an output's name). */
    static String value(Locale locale, String field, String value) {
        String prefix = switch (field) {
            case "dataset" -> "dataset.";
            case "optimizer" -> "optimizer.";
            case "init" -> "init.";
            case "parameterization" -> "param.";
            default -> null;
        };
        String label = prefix == null ? null : Messages.find(locale, prefix + value, null);
        return label != null ? label : value;
    }
}
