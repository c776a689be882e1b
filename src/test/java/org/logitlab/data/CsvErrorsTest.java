package org.logitlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.logitlab.data.DatasetsTest.assertField;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad file is refused with field "csv" and a message naming the line (1-based) and what is wrong. */
class CsvErrorsTest {

    private static String refused(String text) {
        return refused(text, CsvPoints.Options.AUTOMATIC);
    }

    private static String refused(String text, CsvPoints.Options options) {
        return assertField("csv", () -> CsvPoints.parse(text, options)).getMessage();
    }

    @Test
    void a_non_number_names_its_line_column_and_text() {
        assertEquals("line 5: \"abc\" in column 2 (\"y\") is not a number",
                refused("x,y,label\n1,2,a\n\n\n3,abc,b\n4,5,a\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1.5f", "1,5", "1 000", "--1", "e5"})
    void only_plain_decimal_numbers_count(String number) {
        String message = refused("x;y;label\n1;2;a\n" + number + ";4;b\n5;6;a\n");
        assertTrue(message.startsWith("line 3: \"" + number + "\" in column 1 (\"x\") is not a number"), message);
    }

    @Test
    void decimal_commas_get_a_hint_even_where_they_tie_with_semicolons() {
        assertEquals("line 1: \"1,5\" in column 1 is not a number (write decimals with a point: 1.5)",
                refused("1,5;2,5;a\n3,5;4,5;b\n"));
    }

    @Test
    void a_number_too_large_for_a_double_is_refused() {
        assertEquals("line 3: 1e400 in column 1 (\"x\") is too large for a double",
                refused("x,y,label\n1,2,a\n1e400,2,b\n"));
    }

    @Test
    void a_missing_column_names_the_line_and_the_column_needed() {
        assertEquals("line 3: has 2 field(s), but column 3 (\"species\") is needed",
                refused("x,y,species\n1,2,a\n3,4\n5,6,b\n"));
    }

    @Test
    void an_empty_field_names_its_line() {
        assertEquals("line 2: column 3 is empty", refused("1,2,a\n3,4,\n5,6,b\n"));
        assertEquals("line 3: column 1 is empty", refused("1,2,a\n3,4,b\n,6,b\n"));
    }

    @Test
    void one_class_is_not_enough() {
        assertEquals("column 3 (\"species\") holds one label only, \"setosa\"; a dataset needs at least 2 classes",
                refused("x,y,species\n1,2,setosa\n3,4,setosa\n"));
    }

    @Test
    void a_ninth_class_names_the_line_where_it_appears() {
        StringBuilder text = new StringBuilder("x,y,label\n");
        for (int k = 0; k < 9; k++) {
            text.append(k * 0.5).append(',').append(1).append(',').append("class").append(k).append('\n');
            text.append(k * 0.5).append(',').append(2).append(',').append("class").append(k).append('\n');
        }
        String message = refused(text.toString());
        assertTrue(message.startsWith("line 18: \"class8\" in column 3 (\"label\") would be class 9; a dataset may "
                + "have at most 8 classes"), message);
    }

    @Test
    void more_than_five_thousand_rows_names_the_first_row_too_many() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i <= DatasetSpec.MAX_POINTS; i++) {
            rows.append(i % 100 * 0.01).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        assertEquals("line 5001: is data row 5001; a dataset may have at most 5000 points", refused(rows.toString()));
        assertEquals("line 5002: is data row 5001; a dataset may have at most 5000 points",
                refused("x,y,label\n" + rows));
        assertEquals("line 5004: is data row 5001; a dataset may have at most 5000 points",
                refused("x,y,label\n\n\n" + rows + "1,1,a\n"));
        int lastLine = rows.indexOf("\n", rows.length() - 2);
        String exactlyEnough = rows.substring(0, rows.lastIndexOf("\n", lastLine - 1) + 1);
        assertEquals(DatasetSpec.MAX_POINTS, CsvPoints.parse("x,y,label\n" + exactlyEnough).points().size());
    }

    @Test
    void text_over_one_megabyte_is_refused_before_reading() {
        String big = "1,2,a\n3,4,b\n" + " ".repeat(CsvPoints.MAX_BYTES);
        assertTrue(refused(big).contains("at most 1000000 bytes (1 MB)"));
        String twoByteCharacters = "1,2,a\n3,4,b\n" + "é".repeat(CsvPoints.MAX_BYTES / 2);
        assertTrue(refused(twoByteCharacters).contains("at most 1000000 bytes"), "counted in UTF-8 bytes");
    }

    @Test
    void nul_bytes_and_control_characters_are_not_text() {
        assertEquals("line 2: contains the control character U+0000; this is not a text file (or not UTF-8: save it"
                + " as UTF-8 CSV)", refused("x,y,label\n1,2\u0000,a\n3,4,b\n"));
        assertTrue(refused("1,2,a\r\n3,4,b\r\n\u0007").startsWith("line 3: contains the control character U+0007"));
        String utf16 = new String("x,y\n".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_8);
        assertTrue(refused(utf16).startsWith("line 1: contains the control character U+0000"));
    }

    @Test
    void bytes_that_are_not_utf8_name_their_line_when_decoded_and_if_decoded_leniently() {
        byte[] latin1 = "x,y,label\n1,2,a\n3,4,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        InvalidDatasetException e = assertField("csv", () -> CsvPoints.decode(latin1));
        assertEquals("line 3: is not UTF-8 text (byte 24 cannot start or continue a character); save the file as "
                + "UTF-8 CSV", e.getMessage());
        String lenient = new String(latin1, StandardCharsets.UTF_8);
        assertTrue(refused(lenient).startsWith("line 3: contains U+FFFD"), refused(lenient));
        assertEquals("x,y\n1,2,\u00e9\n", CsvPoints.decode("x,y\n1,2,\u00e9\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void an_unclosed_quote_names_the_line_where_its_row_starts() {
        assertTrue(refused("x,y,label\n1,2,a\n\n3,4,\"b\n5,6,c\n").startsWith("line 4: a quoted field is not closed"));
        assertTrue(refused("x,y,label\n1,2,\"a\"b\n").startsWith("line 2: a quoted field is not closed, or has more"));
    }

    @Test
    void an_empty_file_or_a_header_alone_has_no_points() {
        assertTrue(refused("").startsWith("is empty"));
        assertTrue(refused("\n \r\n").startsWith("is empty"));
        assertEquals("line 1: is a header, and no data rows follow it", refused("x,y,label\n1,2"
                .substring(0, 10)));
    }

    @Test
    void coordinates_need_two_numeric_columns() {
        assertEquals("needs two columns of numbers for the coordinates; found only x",
                refused("x,label\n1,a\n2,b\n"));
        assertEquals("needs a third column with the class labels; found only x and y", refused("x,y\n1,2\n2,3\n"));
    }

    @Test
    void column_choices_must_exist_and_differ() {
        assertEquals("has 3 column(s), so there is no column 4",
                refused("1,2,a\n3,4,b\n", new CsvPoints.Options(0, 3, null, false)));
        assertEquals("x1, x2 and the label must be three different columns",
                refused("1,2,a\n3,4,b\n", new CsvPoints.Options(0, 0, null, false)));
        assertEquals("line 1: \"a\" in column 3 is not a number",
                refused("1,2,a\n3,4,b\n", new CsvPoints.Options(0, 2, 1, false)));
    }
}
