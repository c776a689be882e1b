package org.logitlab.data;

import org.logitlab.text.Sentence;

/**
 * The data package's refusals in English, each under its key in the web's message bundles, which translate it.
 * CSV problems are said as {@link #CSV_LINE} around the problem, and name a column as {@link #COLUMN}.
 */
public enum DataText implements Sentence {
    ONE_OF("error.data.oneOf", "must be one of: {0}"),
    BETWEEN("error.data.between", "must be between {0} and {1}"),
    EXACTLY_TWO_CLASSES("error.data.exactlyTwoClasses", "the {0} dataset has exactly 2 classes"),
    POINTS_ONLY_CUSTOM("error.data.pointsOnlyCustom", "points are only allowed with \"name\": \"custom\""),
    NO_POINTS("error.data.noPoints", "a custom dataset needs at least one point [x1, x2, label]"),
    AT_MOST_POINTS("error.data.atMostPoints", "at most {0} points"),
    POINT_SHAPE("error.data.pointShape", "each point is [x1, x2, label]"),
    COORDINATES("error.data.coordinates", "coordinates must be finite numbers in [-6, 6]"),
    LABEL("error.data.label", "label must be an integer from 0 to {0}"),

    CSV_LINE("error.csv.line", "line {0}: {1}"),
    COLUMN("error.csv.column", "column {0}"),
    COLUMN_NAMED("error.csv.columnNamed", "column {0} (\"{1}\")"),
    CSV_TOO_BIG("error.csv.tooBig", "is {0} bytes; a CSV file may have at most {1} bytes (1 MB)"),
    CSV_NOT_UTF8("error.csv.notUtf8",
            "is not UTF-8 text (byte {0} cannot start or continue a character); save the file as UTF-8 CSV"),
    CSV_CONTROL("error.csv.control",
            "contains the control character {0}; this is not a text file (or not UTF-8: save it as UTF-8 CSV)"),
    CSV_REPLACEMENT("error.csv.replacement",
            "contains U+FFFD, the mark of bytes that were not valid UTF-8; save the file as UTF-8 CSV"),
    CSV_QUOTE("error.csv.quote", "a quoted field is not closed, or has more after its closing quote (a quote "
            + "inside a quoted field is written \"\")"),
    CSV_EMPTY("error.csv.empty", "is empty: it needs one row per point, with two coordinates and a label"),
    CSV_HEADER_ONLY("error.csv.headerOnly", "is a header, and no data rows follow it"),
    CSV_TOO_MANY_ROWS("error.csv.tooManyRows", "is data row {0}; a dataset may have at most {1} points"),
    CSV_TOO_MANY_CLASSES("error.csv.tooManyClasses",
            "\"{0}\" in {1} would be class {2}; a dataset may have at most {3} classes ({4} so far)"),
    CSV_ONE_LABEL("error.csv.oneLabel", "{0} holds one label only, \"{1}\"; a dataset needs at least {2} classes"),
    CSV_OUTLIER("error.csv.outlier", "{0} in {1} lies {2} standard deviations from the column''s mean {3}, outside "
            + "the plot''s [-6, 6] even after standardizing; remove the outlier or rescale the column"),
    CSV_MISSING_FIELD("error.csv.missingField", "has {0} field(s), but {1} is needed"),
    CSV_EMPTY_FIELD("error.csv.emptyField", "{0} is empty"),
    CSV_NOT_NUMBER("error.csv.notNumber", "\"{0}\" in {1} is not a number"),
    CSV_DECIMAL_COMMA("error.csv.decimalComma",
            "\"{0}\" in {1} is not a number (write decimals with a point: {2})"),
    CSV_TOO_LARGE("error.csv.tooLarge", "{0} in {1} is too large for a double"),
    CSV_SAME_COLUMNS("error.csv.sameColumns", "x1, x2 and the label must be three different columns"),
    CSV_NO_COORDINATES("error.csv.noCoordinates", "needs two columns of numbers for the coordinates; found none"),
    CSV_ONE_COORDINATE("error.csv.oneCoordinate",
            "needs two columns of numbers for the coordinates; found only {0}"),
    CSV_NO_LABELS("error.csv.noLabels", "needs a third column with the class labels; found only {0} and {1}"),
    CSV_NO_COLUMN("error.csv.noColumn", "has {0} column(s), so there is no column {1}"),
    CSV_CONSTANT("error.csv.constant",
            "{0} has the same value on every row, so it cannot be standardized; choose another column"),
    CSV_OVERFLOW("error.csv.overflow",
            "{0} has values too large to standardize (their squares overflow); rescale the column"),

    DESCRIPTION_ONLY_CUSTOM("error.data.descriptionOnlyCustom",
            "class names and a standardization are only allowed with \"name\": \"custom\""),
    TOO_MANY_NAMES("error.data.tooManyNames", "has {0} names; a dataset has at most {1} classes"),
    CLASS_NAMES("error.data.classNames",
            "each class name has 1 to {0} characters, no control characters but tabs and line breaks, and no two "
                    + "are the same"),
    NAMES_FOR_CLASSES("error.data.namesForClasses", "names {0} classes, but the run has {1}"),
    STANDARDIZATION("error.data.standardization", "each coordinate''s column has a name of 1 to {0} characters "
            + "(no control characters but tabs and line breaks), a finite mean and a finite deviation above 0"),
    CSV_LABEL_NAME("error.csv.labelName", "\"{0}\" in {1} is too long to name a class: a class name has at most "
            + "{2} characters"),
    CSV_COLUMN_NAME("error.csv.columnName", "the name of {0} is longer than {1} characters, too long to report its "
            + "standardization; shorten it");

    private final Words words;

    DataText(String key, String english) {
        this.words = new Words(key, english);
    }

    @Override
    public Words words() {
        return words;
    }
}
