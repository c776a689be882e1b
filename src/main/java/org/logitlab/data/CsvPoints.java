package org.logitlab.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.logitlab.data.CsvTable.Row;
import org.logitlab.text.Reason;
import org.logitlab.text.Sentence;

/**
 * A user's CSV file read as labelled points for {@link DatasetSpec#custom}.
 *
 * <p>What it accepts: a header line or none (row 1 is a header when it has no number in any column that holds
 * numbers below it), commas, semicolons or tabs (detected from the first lines), quoted fields, LF, CRLF or CR line
 * ends, a UTF-8 byte order mark, blank lines anywhere. Two numeric columns are the coordinates: the first two
 * numeric columns unless the caller picks them (a column is numeric when most of its values below row 1 are
 * numbers). The label column is the first non-numeric column besides them, or, without one, the first other
 * column (so with exactly three numeric columns, the third). Labels may be numbers or names; the distinct labels
 * become classes 0…K−1 in the order they first appear, and their texts are kept for the legend (so a label has
 * at most {@link DatasetSpec#MAX_NAME_LENGTH} characters, as does a standardized column's name). Numbers are
 * written with a decimal point ({@code -1.5}, {@code 2e-3}); {@code NaN}, {@code Infinity} and decimal commas
 * are refused.
 *
 * <p>Standardization: when a coordinate falls outside [−6, 6] (the plot), or the caller asks, both coordinate
 * columns become z-scores, (x − mean) / deviation with the population standard deviation, reported in
 * {@link #standardization}. A point that is still outside [−6, 6] after that (more than 6 deviations from its
 * column's mean) is refused, naming its line: clipping it would move the point, and shrinking every column to fit
 * it would no longer be the z-scores the page reports.
 *
 * <p>Every problem is an {@link InvalidDatasetException} with field {@code "csv"} and a message that names the
 * line (1-based, as a text editor counts) and what is wrong.
 *
 * @param points          rows of {x1, x2, class}, as {@link DatasetSpec#custom} takes them, in file order
 * @param classNames      the label text of each class, by class number
 * @param columnNames     the names (from the header, else "column n") of the x1, x2 and label columns
 * @param standardization the z-scores applied, or null when the points are the file's own numbers
 */
public record CsvPoints(List<double[]> points, List<String> classNames, List<String> columnNames,
                        Standardization standardization) {
    /** The most text a CSV file may have, in UTF-8 bytes: what fits in the API's 1 MB request body. */
    public static final int MAX_BYTES = 1_000_000;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** A number with a decimal comma: refused, but with a hint, so its column still counts as numeric. */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d*,\\d+");

    /**
     * Which columns to use, 0-based; null leaves the choice to the rules above.
     *
     * @param standardize standardize the coordinates even when they already fit in [−6, 6]
     */
    public record Options(Integer x1Column, Integer x2Column, Integer labelColumn, boolean standardize) {
        public static final Options AUTOMATIC = new Options(null, null, null, false);
    }

    public CsvPoints {
        points = List.copyOf(points);
        classNames = List.copyOf(classNames);
        columnNames = List.copyOf(columnNames);
    }

    /** K, the number of distinct labels. */
    public int classes() {
        return classNames.size();
    }

    /** The points as a custom dataset, with the classes' names and the standardization applied. */
    public DatasetSpec spec() {
        return DatasetSpec.custom(points, classNames, standardization);
    }

    /**
     * Decodes an uploaded file strictly as UTF-8: an invalid byte is an error naming its line, where a lenient
     * decoder would slip in U+FFFD. Callers holding bytes should come through here before {@link #parse}.
     */
    public static String decode(byte[] bytes) {
        return CsvTable.decode(bytes);
    }

    public static CsvPoints parse(String text) {
        return parse(text, Options.AUTOMATIC);
    }

    /**
     * Reads {@code text} as the class comment describes. The text must have been decoded strictly: a web layer
     * holding the uploaded bytes passes them through {@link #decode} (or its own decoder set to report, not replace,
     * malformed input); a U+FFFD left by lenient decoding is refused here as not text.
     */
    public static CsvPoints parse(String text, Options options) {
        List<Row> rows = CsvTable.read(text, DatasetSpec.MAX_POINTS + 2);
        if (rows.isEmpty()) {
            throw new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_EMPTY);
        }
        int width = rows.stream().mapToInt(r -> r.fields().size()).max().orElseThrow();
        boolean[] numeric = numericColumns(rows.size() > 1 ? rows.subList(1, rows.size()) : rows, width);
        boolean header = isHeader(rows.get(0), numeric);
        List<Row> data = header ? rows.subList(1, rows.size()) : rows;
        boolean headerAlone = rows.size() == 1 && rows.get(0).fields().stream().noneMatch(CsvPoints::looksNumeric);
        if (data.isEmpty() || headerAlone) {
            throw CsvTable.error(rows.get(0).line(), Sentence.CSV_HEADER_ONLY);
        }
        if (data.size() > DatasetSpec.MAX_POINTS) {
            throw CsvTable.error(data.get(DatasetSpec.MAX_POINTS).line(), Sentence.CSV_TOO_MANY_ROWS,
                    DatasetSpec.MAX_POINTS + 1, DatasetSpec.MAX_POINTS);
        }
        CsvColumns columns = CsvColumns.choose(options, numeric, header ? rows.get(0) : null, width);
        return read(data, columns, options.standardize(), rows.get(0).line());
    }

    /** @param headerLine the line of the header, where a column's name too long to report is refused */
    private static CsvPoints read(List<Row> data, CsvColumns c, boolean standardize, int headerLine) {
        int n = data.size();
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] labels = new int[n];
        Map<String, Integer> classes = new LinkedHashMap<>();
        boolean outside = false;
        for (int p = 0; p < n; p++) {
            Row row = data.get(p);
            x1[p] = number(row, c.x1(), c);
            x2[p] = number(row, c.x2(), c);
            String label = field(row, c.label(), c);
            if (!classes.containsKey(label) && classes.size() == Datasets.MAX_CLASSES) {
                throw CsvTable.error(row.line(), Sentence.CSV_TOO_MANY_CLASSES, label, c.describe(c.label()),
                        Datasets.MAX_CLASSES + 1, Datasets.MAX_CLASSES, String.join(", ", classes.keySet()));
            }
            Integer k = classes.get(label);
            if (k == null && !DatasetSpec.isName(label)) {
                throw CsvTable.error(row.line(), Sentence.CSV_LABEL_NAME, label, c.describe(c.label()),
                        DatasetSpec.MAX_NAME_LENGTH);
            }
            if (k == null) {
                k = classes.size();
                classes.put(label, k);
            }
            labels[p] = k;
            outside |= Math.abs(x1[p]) > DatasetSpec.EXTENT || Math.abs(x2[p]) > DatasetSpec.EXTENT;
        }
        if (classes.size() < Datasets.MIN_CLASSES) {
            throw new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_ONE_LABEL, c.describe(c.label()),
                    classes.keySet().iterator().next(), Datasets.MIN_CLASSES);
        }
        Standardization z = null;
        if (standardize || outside) {
            for (int column : new int[] {c.x1(), c.x2()}) {
                if (!DatasetSpec.isName(c.name(column))) {
                    throw CsvTable.error(headerLine, Sentence.CSV_COLUMN_NAME, c.describe(column),
                            DatasetSpec.MAX_NAME_LENGTH);
                }
            }
            z = new Standardization(Standardization.Column.of(c.name(c.x1()), c.describe(c.x1()), x1),
                    Standardization.Column.of(c.name(c.x2()), c.describe(c.x2()), x2));
            standardizeInPlace(data, x1, z.x1(), c.describe(c.x1()));
            standardizeInPlace(data, x2, z.x2(), c.describe(c.x2()));
        }
        List<double[]> points = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            points.add(new double[] {x1[p], x2[p], labels[p]});
        }
        return new CsvPoints(points, List.copyOf(classes.keySet()),
                List.of(c.name(c.x1()), c.name(c.x2()), c.name(c.label())), z);
    }

    private static void standardizeInPlace(List<Row> data, double[] values, Standardization.Column column,
                                           Reason where) {
        for (int p = 0; p < values.length; p++) {
            double z = column.apply(values[p]);
            if (!(Math.abs(z) <= DatasetSpec.EXTENT)) {
                String deviations = String.format(Locale.ROOT, "%.1f", Math.abs(z));
                throw CsvTable.error(data.get(p).line(), Sentence.CSV_OUTLIER, Double.toString(values[p]), where,
                        deviations, Double.toString(column.mean()));
            }
            values[p] = z;
        }
    }

    private static String field(Row row, int column, CsvColumns c) {
        String value = row.field(column);
        if (value == null) {
            throw CsvTable.error(row.line(), Sentence.CSV_MISSING_FIELD, row.fields().size(), c.describe(column));
        }
        if (value.isEmpty()) {
            throw CsvTable.error(row.line(), Sentence.CSV_EMPTY_FIELD, c.describe(column));
        }
        return value;
    }

    private static double number(Row row, int column, CsvColumns c) {
        String text = field(row, column, c);
        if (!isNumber(text)) {
            throw DECIMAL_COMMA.matcher(text).matches()
                    ? CsvTable.error(row.line(), Sentence.CSV_DECIMAL_COMMA, text, c.describe(column),
                            text.replace(',', '.'))
                    : CsvTable.error(row.line(), Sentence.CSV_NOT_NUMBER, text, c.describe(column));
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw CsvTable.error(row.line(), Sentence.CSV_TOO_LARGE, text, c.describe(column));
        }
        return value;
    }

    private static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
    }

    private static boolean looksNumeric(String text) {
        return isNumber(text) || DECIMAL_COMMA.matcher(text).matches();
    }

    /** A column is numeric when more of its non-empty values look like numbers than do not. */
    private static boolean[] numericColumns(List<Row> rows, int width) {
        int[] numbers = new int[width];
        int[] others = new int[width];
        for (Row row : rows) {
            for (int j = 0; j < row.fields().size(); j++) {
                String v = row.fields().get(j);
                if (looksNumeric(v)) {
                    numbers[j]++;
                } else if (!v.isEmpty()) {
                    others[j]++;
                }
            }
        }
        boolean[] numeric = new boolean[width];
        for (int j = 0; j < width; j++) {
            numeric[j] = numbers[j] > others[j];
        }
        return numeric;
    }

    /** Row 1 is a header when no numeric column has a number in it (and some column is numeric). */
    private static boolean isHeader(Row first, boolean[] numeric) {
        boolean anyNumeric = false;
        for (int j = 0; j < numeric.length; j++) {
            if (numeric[j]) {
                anyNumeric = true;
                String v = first.field(j);
                if (v != null && looksNumeric(v)) {
                    return false;
                }
            }
        }
        return anyNumeric;
    }
}
