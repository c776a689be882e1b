package org.logitlab.text;

import java.util.HashMap;
import java.util.Map;

/**
 * The sentences of the core's and the data package's refusals: each one's key in the message bundles
 * ({@code i18n/messages*.properties}) and its English. Those packages read no message bundles, so their English is
 * kept here; the English bundle repeats every sentence under its key (a test keeps the two the same), and the other
 * bundles translate it. Patterns are {@link java.text.MessageFormat}'s: an apostrophe is written twice in a
 * sentence with placeholders.
 *
 * <p>CSV problems are said as {@link #CSV_LINE} around the problem, and name a column as {@link #COLUMN}.
 */
public enum Sentence {
    // A run's configuration and its steps (the core)
    NUMBER_IN("error.config.numberIn", "must be a number in {0}"),
    INTEGER_FROM("error.config.integerFrom", "must be an integer from {0} to {1}"),
    ONE_OF("error.config.oneOf", "must be one of: {0}"),
    SIGMOID_OR_SOFTMAX("error.config.sigmoidOrSoftmax", "must be \"sigmoid\" or \"softmax\""),
    SIGMOID_CLASSES("error.config.sigmoidClasses", "sigmoid needs exactly 2 classes; use softmax for {0}"),
    NO_FEATURE("error.config.noFeature", "choose at least one feature from: {0}"),
    FEATURE_TWICE("error.config.featureTwice", "each feature may appear only once"),
    SCHEDULE_FULL("error.config.scheduleFull",
            "a run keeps at most {0} learning-rate/λ changes; reset or start a new run"),
    INIT_SHAPE("error.config.initShape",
            "weights must be {0} row(s) of {1} number(s) (one per feature) and biases {0} number(s)"),
    INIT_NOT_FINITE("error.config.initNotFinite", "weights and biases must be finite numbers"),
    INIT_LOSS("error.config.initLoss", "the starting weights are too large: the loss is not finite"),
    NO_TRAINING("error.config.noTraining", "leaves no training examples; lower it or add points"),
    REGULARIZATION_OVERFLOW("error.config.regularizationOverflow",
            "is too large for the current weights (the objective would overflow); step back, reset or choose a "
                    + "smaller λ"),
    LAST_STEP("error.run.lastStep", "the run is at step {0}, the last one it can take; step back or reset"),
    LAST_STEP_WORK("error.run.lastStepWork",
            "the run is at step {0}, the last one it can take {1}; step back or reset"),
    BEYOND_LAST("error.run.beyondLast", "must be at most {0} for this run"),
    BEYOND_LAST_WORK("error.run.beyondLastWork", "must be at most {0} for this run {1}"),
    WORK_LIMIT("error.run.workLimit", "(its points, classes and features cost {0} units a step, and a run may cost "
            + "at most {1}, so that its permalink replays in seconds; fewer points, classes or features go further)"),
    DIVERGED("error.run.diverged", "the run diverged at step {0}: the learning rate is too large for this data; "
            + "lower it, step back or reset"),

    // Datasets, custom points and CSV files (the data package)
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

    private static final Map<String, Sentence> BY_KEY = new HashMap<>();

    static {
        for (Sentence s : values()) {
            BY_KEY.put(s.key, s);
        }
    }

    private final String key;
    private final String english;

    Sentence(String key, String english) {
        this.key = key;
        this.english = english;
    }

    /** This sentence with its arguments, to be said in any language. */
    public Reason with(Object... args) {
        return Reason.of(key, args);
    }

    /** The key in the message bundles. */
    public String key() {
        return key;
    }

    /** The English pattern. */
    public String english() {
        return english;
    }

    /** A reason built from these sentences (nested reasons too), said in English. */
    public static String english(Reason reason) {
        return reason.say((key, args) -> {
            Sentence s = BY_KEY.get(key);
            if (s == null) {
                throw new IllegalArgumentException("no English sentence for " + key);
            }
            return Reason.fill(s.english, args);
        });
    }
}
