package org.logitlab.data;

import java.util.ArrayList;
import java.util.List;

import org.logitlab.text.Reason;
import org.logitlab.text.Sentence;

/**
 * Which columns of a CSV file are x1, x2 and the label (0-based), and what the columns are called: the header's
 * names, or "column n" (1-based) without a header or where the header leaves a name empty.
 */
record CsvColumns(int x1, int x2, int label, List<String> names) {

    /** The caller's choices where given, else the first two numeric columns and the first non-numeric one after. */
    static CsvColumns choose(CsvPoints.Options options, boolean[] numeric, CsvTable.Row header, int width) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            String name = header == null ? null : header.field(j);
            names.add(name == null || name.isEmpty() ? "column " + (j + 1) : name);
        }
        Integer x1 = checked(options.x1Column(), width);
        Integer x2 = checked(options.x2Column(), width);
        Integer label = checked(options.labelColumn(), width);
        if ((x1 != null && (x1.equals(x2) || x1.equals(label))) || (x2 != null && x2.equals(label))) {
            throw new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_SAME_COLUMNS);
        }
        for (int j = 0; j < width && (x1 == null || x2 == null); j++) {
            if (numeric[j] && !isTaken(j, x1, x2, label)) {
                if (x1 == null) {
                    x1 = j;
                } else {
                    x2 = j;
                }
            }
        }
        if (x1 == null || x2 == null) {
            throw x1 == null ? new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_NO_COORDINATES)
                    : new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_ONE_COORDINATE, names.get(x1));
        }
        label = label != null ? label : firstFree(numeric, false, x1, x2);
        label = label != null ? label : firstFree(numeric, true, x1, x2);
        if (label == null) {
            throw new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_NO_LABELS, names.get(x1), names.get(x2));
        }
        return new CsvColumns(x1, x2, label, List.copyOf(names));
    }

    /** The column's name, e.g. "petal_length" or "column 1". */
    String name(int column) {
        return names.get(column);
    }

    /** The column for a message, e.g. {@code column 1 ("petal_length")} or {@code column 1}. */
    Reason describe(int column) {
        String name = names.get(column);
        return name.equals("column " + (column + 1)) ? Sentence.COLUMN.with(column + 1)
                : Sentence.COLUMN_NAMED.with(column + 1, name);
    }

    private static Integer checked(Integer column, int width) {
        if (column != null && (column < 0 || column >= width)) {
            throw new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_NO_COLUMN, width, column + 1);
        }
        return column;
    }

    private static boolean isTaken(int j, Integer... taken) {
        for (Integer t : taken) {
            if (t != null && t == j) {
                return true;
            }
        }
        return false;
    }

    private static Integer firstFree(boolean[] numeric, boolean wantNumeric, int x1, int x2) {
        for (int j = 0; j < numeric.length; j++) {
            if (numeric[j] == wantNumeric && j != x1 && j != x2) {
                return j;
            }
        }
        return null;
    }
}
