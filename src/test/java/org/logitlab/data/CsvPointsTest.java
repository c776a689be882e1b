package org.logitlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forms real CSV files come in, each read to the same points, classes and column names. */
class CsvPointsTest {
    private static final List<double[]> POINTS = List.of(new double[] {1.5, -2, 0}, new double[] {0.25, 3, 1},
            new double[] {-4, 5.5, 0});

    /** The points above with labels setosa, versicolor, setosa, as the plain comma-separated file with a header. */
    private static final String PLAIN = "x,y,species\n1.5,-2,setosa\n0.25,3,versicolor\n-4,5.5,setosa\n";

    private static void assertRead(String text, List<String> columns) {
        CsvPoints csv = CsvPoints.parse(text);
        assertPoints(POINTS, csv.points());
        assertEquals(List.of("setosa", "versicolor"), csv.classNames());
        assertEquals(columns, csv.columnNames());
        assertNull(csv.standardization(), "the points fit in [-6, 6]");
    }

    static void assertPoints(List<double[]> expected, List<double[]> actual) {
        assertEquals(expected.size(), actual.size(), "points");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "point " + i);
        }
    }

    @Test
    void a_header_line_names_the_columns() {
        assertRead(PLAIN, List.of("x", "y", "species"));
    }

    @Test
    void without_a_header_the_columns_are_numbered() {
        assertRead(PLAIN.substring(PLAIN.indexOf('\n') + 1), List.of("column 1", "column 2", "column 3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {";", "\t"})
    void semicolons_and_tabs_are_detected(String delimiter) {
        assertRead(PLAIN.replace(",", delimiter), List.of("x", "y", "species"));
    }

    @Test
    void commas_inside_the_fields_of_a_semicolon_file_are_text() {
        CsvPoints csv = CsvPoints.parse("x;y;label\n1;2;a,b\n3;4;c,d\n");
        assertEquals(List.of("a,b", "c,d"), csv.classNames());
    }

    @Test
    void quoted_fields_may_hold_delimiters_quotes_and_line_breaks() {
        String text = "\"x\",\"y\",\"species\"\n\"1.5\",\"-2\",\"Iris \"\"setosa\"\", bristly\"\n"
                + "0.25,3,\"two\nlines\"\n-4,5.5,\"Iris \"\"setosa\"\", bristly\"\n";
        CsvPoints csv = CsvPoints.parse(text);
        assertPoints(POINTS, csv.points());
        assertEquals(List.of("Iris \"setosa\", bristly", "two\nlines"), csv.classNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\r"})
    void windows_and_old_mac_line_ends_are_read(String lineEnd) {
        assertRead(PLAIN.replace("\n", lineEnd), List.of("x", "y", "species"));
    }

    @Test
    void a_utf8_byte_order_mark_is_not_part_of_the_first_name() {
        assertRead("\uFEFF" + PLAIN.replace("\n", "\r\n"), List.of("x", "y", "species"));
        byte[] excelBytes = ("\uFEFF" + PLAIN).getBytes(StandardCharsets.UTF_8);
        assertRead(CsvPoints.decode(excelBytes), List.of("x", "y", "species"));
    }

    @Test
    void blank_lines_at_the_end_or_between_rows_are_skipped() {
        assertRead(PLAIN + "\n\n  \r\n\t\n", List.of("x", "y", "species"));
        assertRead(PLAIN.replace("-2,setosa\n", "-2,setosa\n\n\n"), List.of("x", "y", "species"));
    }

    @Test
    void spaces_around_fields_are_trimmed() {
        assertRead(" x , y , species \n 1.5 ,-2 , setosa\n0.25, 3,versicolor \n-4 ,5.5,setosa", List.of("x", "y",
                "species"));
    }

    @Test
    void named_labels_become_classes_in_order_of_first_appearance() {
        CsvPoints csv = CsvPoints.parse("1,1,virginica\n2,2,setosa\n3,3,virginica\n4,4,versicolor\n5,5,setosa\n");
        assertEquals(List.of("virginica", "setosa", "versicolor"), csv.classNames());
        assertEquals(3, csv.classes());
        assertArrayEquals(new double[] {0, 1, 0, 2, 1}, csv.points().stream().mapToDouble(p -> p[2]).toArray());
    }

    @Test
    void numeric_labels_are_names_too_and_three_numeric_columns_make_the_third_the_label() {
        CsvPoints csv = CsvPoints.parse("a,b,c\n0.5,1,2\n1.5,2,0\n2.5,3,2\n3.5,4,1\n");
        assertEquals(List.of("2", "0", "1"), csv.classNames(), "order of first appearance, not of value");
        assertEquals(List.of("a", "b", "c"), csv.columnNames());
        assertArrayEquals(new double[] {0, 1, 0, 2}, csv.points().stream().mapToDouble(p -> p[2]).toArray());
    }

    @Test
    void the_label_is_the_first_text_column_wherever_it_stands() {
        CsvPoints csv = CsvPoints.parse("species,id,x,y\nsetosa,1,1.5,-2\nversicolor,2,0.25,3\nsetosa,3,-4,5.5\n");
        assertEquals(List.of("id", "x", "species"), csv.columnNames(), "the first two numeric columns by default");

        CsvPoints chosen = CsvPoints.parse("species,id,x,y\nsetosa,1,1.5,-2\nversicolor,2,0.25,3\nsetosa,3,-4,5.5\n",
                new CsvPoints.Options(2, 3, null, false));
        assertPoints(POINTS, chosen.points());
        assertEquals(List.of("x", "y", "species"), chosen.columnNames());
    }

    @Test
    void the_caller_may_pick_every_column_by_index() {
        CsvPoints csv = CsvPoints.parse("y,x,group,species\n-2,1.5,p,setosa\n3,0.25,q,versicolor\n5.5,-4,p,setosa\n",
                new CsvPoints.Options(1, 0, 3, false));
        assertPoints(POINTS, csv.points());
        assertEquals(List.of("x", "y", "species"), csv.columnNames());
    }

    @Test
    void numbers_may_have_signs_exponents_and_bare_points() {
        CsvPoints csv = CsvPoints.parse("+1.5,-2e0,a\n.25,3.,b\n-4E0,0.55e1,a\n");
        assertPoints(POINTS, csv.points());
    }

    @Test
    void a_header_with_an_empty_name_numbers_that_column() {
        CsvPoints csv = CsvPoints.parse("x,,species\n1.5,-2,setosa\n0.25,3,versicolor\n");
        assertEquals(List.of("x", "column 2", "species"), csv.columnNames());
    }

    @Test
    void the_spec_is_a_custom_dataset_of_the_points() {
        CsvPoints csv = CsvPoints.parse(PLAIN);
        Dataset d = Datasets.generate(csv.spec(), csv.classes());
        assertArrayEquals(new double[] {1.5, 0.25, -4}, d.x1());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
    }
}
