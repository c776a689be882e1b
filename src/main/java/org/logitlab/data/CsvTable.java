package org.logitlab.data;

import org.logitlab.text.Sentence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a CSV text as Apache Commons CSV reads them, each with the line it starts on (1-based, as a text
 * editor counts: a line ends at LF, CRLF or a lone CR). Blank lines, and lines of nothing but spaces, are skipped.
 * The delimiter (comma, semicolon or tab) is detected from the first lines; fields may be quoted with {@code "}.
 */
final class CsvTable {
    static final String FIELD = "csv";
    /** Lines looked at to detect the delimiter. */
    private static final int SAMPLE_LINES = 20;
    /** Candidates, in the order that wins a tie: "1,5;2,5;a" is two decimal commas, not three columns. */
    private static final char[] DELIMITERS = {'\t', ';', ','};

    record Row(int line, List<String> fields) {
        /** The trimmed field at {@code column}, or null when the row is too short. */
        String field(int column) {
            return column < fields.size() ? fields.get(column) : null;
        }
    }

    private final String text;
    /** Offsets at which each line begins: lineStarts[k] is where line k + 1 starts. */
    private final int[] lineStarts;

    private CsvTable(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Strict UTF-8: invalid bytes are an error naming their line, never a replacement character. */
    static String decode(byte[] bytes) {
        checkSize(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                boolean crAlone = bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n');
                line += bytes[i] == '\n' || crAlone ? 1 : 0;
            }
            throw error(line, Sentence.CSV_NOT_UTF8, in.position() + 1);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * The first {@code maxRows} non-blank rows (a UTF-8 byte order mark at the start is dropped); reading stops
     * there, so the caller can refuse a longer file at the right line once it knows whether row 1 is a header.
     */
    static List<Row> read(String text, int maxRows) {
        checkSize(utf8Length(text));
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CsvTable table = new CsvTable(body);
        table.checkCharacters();
        return table.rows(maxRows);
    }

    /** A problem at a line of the file. */
    static InvalidDatasetException error(int line, Sentence problem, Object... args) {
        return new InvalidDatasetException(FIELD, Sentence.CSV_LINE, line, problem.with(args));
    }

    private static void checkSize(long bytes) {
        if (bytes > CsvPoints.MAX_BYTES) {
            throw new InvalidDatasetException(FIELD, Sentence.CSV_TOO_BIG, bytes, CsvPoints.MAX_BYTES);
        }
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4
        }
        return bytes;
    }

    /** Text has no NUL or other control characters (tab and line breaks aside) and no U+FFFD from lax decoding. */
    private void checkCharacters() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                throw error(lineAt(i), Sentence.CSV_CONTROL, String.format(Locale.ROOT, "U+%04X", (int) c));
            }
            if (c == '\uFFFD') {
                throw error(lineAt(i), Sentence.CSV_REPLACEMENT);
            }
        }
    }

    private List<Row> rows(int maxRows) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter()).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<Row> rows = new ArrayList<>();
        long linesRead = 0;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                linesRead = parser.getCurrentLineNumber();
                List<String> fields = record.toList();
                if (fields.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                rows.add(new Row(recordLine(record.getCharacterPosition()), fields));
                if (rows.size() == maxRows) {
                    break;
                }
            }
        } catch (UncheckedIOException | IOException e) {
            throw error(firstNonBlankLineAfter(linesRead), Sentence.CSV_QUOTE);
        }
        return rows;
    }

    /**
     * The delimiter that splits every one of the first non-blank lines into the same number of fields, the one
     * giving most fields if several do; else the most frequent on the first line; else a comma.
     */
    private char delimiter() {
        List<String> sample = new ArrayList<>();
        for (int k = 0; k < lineStarts.length && sample.size() < SAMPLE_LINES; k++) {
            String line = line(k + 1);
            if (!line.isBlank()) {
                sample.add(line);
            }
        }
        if (sample.isEmpty()) {
            return ',';
        }
        char best = 0;
        int bestCount = 0;
        for (char d : DELIMITERS) {
            int count = countOutsideQuotes(sample.get(0), d);
            boolean consistent = sample.stream().allMatch(l -> countOutsideQuotes(l, d) == count);
            if (consistent && count > bestCount) {
                best = d;
                bestCount = count;
            }
        }
        if (best != 0) {
            return best;
        }
        for (char d : DELIMITERS) {
            int count = countOutsideQuotes(sample.get(0), d);
            if (count > bestCount) {
                best = d;
                bestCount = count;
            }
        }
        return best == 0 ? ',' : best;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    /** Line {@code n} (1-based) without its line break. */
    private String line(int n) {
        int end = n < lineStarts.length ? lineStarts[n] : text.length();
        int start = lineStarts[n - 1];
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** 1-based line of offset {@code i}. */
    private int lineAt(int i) {
        int k = Arrays.binarySearch(lineStarts, i);
        return k >= 0 ? k + 1 : -k - 1;
    }

    /** Commons CSV reports a record after skipped empty lines at the first of them; its own line is further on. */
    private int recordLine(long position) {
        int i = (int) position;
        while (i < text.length() && (text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        return lineAt(i);
    }

    private int firstNonBlankLineAfter(long linesRead) {
        int n = (int) linesRead + 1;
        while (n < lineStarts.length && line(n).isBlank()) {
            n++;
        }
        return n;
    }
}
