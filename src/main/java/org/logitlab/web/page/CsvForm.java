package org.logitlab.web.page;

import java.util.Set;
import java.util.function.UnaryOperator;

import org.logitlab.data.CsvPoints;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.Json;
import org.logitlab.web.run.RunSpecReader;

/**
 * The page's CSV form, as it is posted: the file's text (read by the browser and sent as the urlencoded field
 * {@code csv}, since the server refuses multipart bodies), the columns chosen for x1, x2 and the label (numbers as
 * people count them, 1 for the first; empty leaves the choice to {@link CsvPoints}) and the "standardize" box.
 */
record CsvForm(String text, String x1Column, String x2Column, String labelColumn, boolean standardize) {
    /** The field of the file's text; the columns are {@code x1Column}, {@code x2Column} and {@code labelColumn}. */
    static final String TEXT = "csv";
    /** Every field whose refusal is shown beside the file control ({@link ErrorPage}). */
    static final Set<String> FIELDS = Set.of(TEXT, "x1Column", "x2Column", "labelColumn");

    /** The form as posted; {@code field} gives a field's value, or null when it was not sent. */
    static CsvForm of(UnaryOperator<String> field) {
        return new CsvForm(field.apply(TEXT), field.apply("x1Column"), field.apply("x2Column"),
                field.apply("labelColumn"), "1".equals(field.apply("standardize")));
    }

    /** The file read whole: its points, class names and standardization, or a refusal naming the line. */
    CsvPoints read() {
        if (text == null) {
            throw FieldError.required(TEXT);
        }
        return CsvPoints.parse(text, new CsvPoints.Options(column(x1Column, "x1Column"),
                column(x2Column, "x2Column"), column(labelColumn, "labelColumn"), standardize));
    }

    private static Integer column(String value, String field) {
        return value == null || value.isBlank() ? null
                : (int) Json.integerText(value.trim(), field, 1, RunSpecReader.MAX_CSV_COLUMN) - 1;
    }
}
