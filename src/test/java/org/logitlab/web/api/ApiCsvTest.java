package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;

/**
 * A CSV file through {@code POST /api/runs}: every form a real file takes is read into the same run, class names and
 * standardization travel with it (state and permalink), a bad file is a 400 naming {@code dataset.csv} and its line,
 * and Fisher's iris, uploaded as the file it is, trains to the optimum scikit-learn finds.
 */
class ApiCsvTest extends ServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Four points of two named classes, as the forms below all say it. */
    private static final List<List<Double>> POINTS = List.of(List.of(1.5, -2.0, 0.0), List.of(0.25, 3.0, 1.0),
            List.of(-4.0, 5.5, 0.0), List.of(2.0, 2.0, 1.0));
    private static String iris;
    private static JsonNode irisReference;

    @BeforeAll
    static void readIris() throws IOException {
        try (InputStream csv = ApiCsvTest.class.getResourceAsStream("/reference/iris_petals.csv");
             InputStream reference = ApiCsvTest.class.getResourceAsStream("/reference/iris_optimum.json")) {
            iris = new String(csv.readAllBytes(), StandardCharsets.UTF_8);
            irisReference = JSON.readTree(reference);
        }
    }

    /** A create body with this CSV text and these extra fields of {@code dataset}. */
    private static String body(String csv, String datasetFields, String topFields) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode dataset = body.putObject("dataset").put("name", "custom").put("csv", csv);
        try {
            if (!datasetFields.isEmpty()) {
                dataset.setAll((ObjectNode) JSON.readTree("{" + datasetFields + "}"));
            }
            if (!topFields.isEmpty()) {
                body.setAll((ObjectNode) JSON.readTree("{" + topFields + "}"));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return body.toString();
    }

    private static JsonNode points(JsonNode state) {
        return server.api("/api/runs/" + state.get("id").asText() + "/dataset").get("points");
    }

    static Stream<Arguments> acceptedForms() {
        String plain = "x,y,species\n1.5,-2,setosa\n0.25,3,versicolor\n-4,5.5,setosa\n2,2,versicolor\n";
        return Stream.of(
                Arguments.of("a header and commas", plain, ""),
                Arguments.of("no header", plain.substring(plain.indexOf('\n') + 1), ""),
                Arguments.of("semicolons", plain.replace(',', ';'), ""),
                Arguments.of("tabs", plain.replace(',', '\t'), ""),
                Arguments.of("quoted fields", "\"x\",\"y\",\"species\"\n\"1.5\",\"-2\",\"setosa\"\n"
                        + "0.25,3,\"versicolor\"\n\"-4\",5.5,setosa\n2,2,\"versicolor\"\n", ""),
                Arguments.of("CRLF line ends", plain.replace("\n", "\r\n"), ""),
                Arguments.of("a UTF-8 byte order mark", "\uFEFF" + plain, ""),
                Arguments.of("blank lines at the end", plain + "\n\n\r\n", ""),
                Arguments.of("more columns, chosen", "id,species,a,x,y\n1,setosa,9,1.5,-2\n2,versicolor,9,0.25,3\n"
                        + "3,setosa,9,-4,5.5\n4,versicolor,9,2,2\n",
                        "\"columns\": {\"x1\": 4, \"x2\": 5, \"label\": 2}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedForms")
    void every_form_of_the_same_file_makes_the_same_run_with_the_file_s_class_names(String form, String csv,
                                                                                       String fields) {
        JsonNode s = server.createRun(body(csv, fields, ""));
        assertEquals(2, s.get("classes").asInt(), "K from the labels");
        assertEquals("sigmoid", s.get("parameterization").asText(), "two classes default to the sigmoid");
        assertEquals(JSON.valueToTree(List.of("setosa", "versicolor")), s.get("classNames"));
        assertTrue(s.get("standardization").isNull(), "the points fit the plot");
        double[][] expected = Nodes.matrix(JSON.valueToTree(POINTS));
        double[][] read = Nodes.matrix(points(s));
        assertEquals(expected.length, read.length, form);
        for (int p = 0; p < expected.length; p++) {
            assertArrayEquals(expected[p], read[p], form + ": point " + p);
        }
    }

    @Test
    void numeric_labels_become_classes_in_order_of_first_appearance_named_as_written() {
        JsonNode s = server.createRun(body("1,1,7\n2,2,3\n3,3,7\n-1,0,5\n", "", ""));
        assertEquals(3, s.get("classes").asInt());
        assertEquals("softmax", s.get("parameterization").asText());
        assertEquals("[\"7\",\"3\",\"5\"]", s.get("classNames").toString());
        assertEquals("[[1.0,1.0,0.0],[2.0,2.0,1.0],[3.0,3.0,0.0],[-1.0,0.0,2.0]]", points(s).toString());
    }

    @Test
    void data_outside_the_plot_are_standardized_and_the_state_and_permalink_say_how() {
        JsonNode s = server.createRun(body("a,b,c\n10,0,p\n20,1,q\n30,2,p\n40,3,q\n", "", ""));
        JsonNode z = s.get("standardization");
        assertEquals("a", z.at("/x1/column").asText());
        assertEquals(25.0, z.at("/x1/mean").doubleValue(), 0.0);
        assertEquals(Math.sqrt(125.0), z.at("/x1/deviation").doubleValue(), 1e-15);
        assertEquals("b", z.at("/x2/column").asText());
        double first = points(s).at("/0/0").doubleValue();
        assertEquals((10 - 25.0) / z.at("/x1/deviation").doubleValue(), first, 0.0);
        String link = s.get("permalink").asText();
        assertTrue(link.contains("&standardized=a:25.0:" + Math.sqrt(125.0) + ",b:1.5:"), link);
        JsonNode again = server.run(server.open(link.substring(2)).id());
        assertEquals(s.get("standardization"), again.get("standardization"));
        assertEquals(s.get("classNames"), again.get("classNames"));
        assertEquals(points(s), points(again));
    }

    @Test
    void standardize_asks_for_z_scores_even_when_the_data_fit() {
        String csv = "1,1,a\n2,3,b\n3,2,a\n";
        assertTrue(server.createRun(body(csv, "", "")).get("standardization").isNull());
        JsonNode z = server.createRun(body(csv, "\"standardize\": true", "")).get("standardization");
        assertEquals(2.0, z.at("/x1/mean").doubleValue(), 0.0);
        assertEquals("column 1", z.at("/x1/column").asText(), "no header: the column's number");
    }

    @Test
    void class_names_with_separators_and_any_script_travel_through_the_permalink_unchanged() {
        List<String> names = List.of("a,b", "50%", "c:d;e", "x+y z", "山鸢尾", "%2C");
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int k = 0; k < names.size(); k++) {
            csv.append(k % 3).append(',').append(k / 3).append(",\"").append(names.get(k)).append("\"\n");
        }
        JsonNode s = server.createRun(body(csv.toString(), "", ""));
        assertEquals(JSON.valueToTree(names), s.get("classNames"));
        JsonNode again = server.run(server.open(s.get("permalink").asText().substring(2)).id());
        assertEquals(JSON.valueToTree(names), again.get("classNames"));
        assertEquals(s.get("permalink"), again.get("permalink"));
    }

    static Stream<Arguments> badFiles() {
        StringBuilder nine = new StringBuilder();
        for (int k = 1; k <= 9; k++) {
            nine.append(k).append(',').append(k % 5).append(",c").append(k).append('\n');
        }
        StringBuilder long5001 = new StringBuilder("x,y,label\n");
        for (int k = 0; k < 5001; k++) {
            long5001.append(k % 6).append(",1,").append(k % 2).append('\n');
        }
        return Stream.of(
                Arguments.of("x,y,c\n1,2,a\n3,4,b\n5,abc,a\n6,7,b\n",
                        "line 4: \"abc\" in column 2 (\"y\") is not a number"),
                Arguments.of("1,2,a\n3,4\n5,6,b\n", "line 2: has 2 field(s), but column 3 is needed"),
                Arguments.of("1,2,a\n3,4,a\n", "holds one label only, \"a\""),
                Arguments.of(nine.toString(), "line 9: \"c9\" in column 3 would be class 9"),
                Arguments.of(long5001.toString(),
                        "line 5002: is data row 5001; a dataset may have at most 5000 points"),
                Arguments.of("1,2,a\n3,4,b\u0001\n", "line 2: contains the control character U+0001"),
                Arguments.of("1,2,a\n3,4,b\n5,6,\uFFFD\n", "line 3: contains U+FFFD"),
                Arguments.of("1,2,a\n1e400,4,b\n", "line 2: 1e400 in column 1 is too large"),
                Arguments.of("1,2,\"a\n", "line 1: a quoted field is not closed"),
                Arguments.of("", "is empty"),
                Arguments.of("1,2," + "n".repeat(33) + "\n3,4,b\n", "line 1: \"" + "n".repeat(33) + "\" in column 3 is "
                        + "too long to name a class"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void a_bad_file_is_a_400_naming_dataset_csv_with_the_line_and_what_is_wrong(String csv, String problem) {
        TestServer.Response r = server.postJson("/api/runs", body(csv, "", ""));
        assertEquals(400, r.status(), r.body());
        assertEquals("dataset.csv", r.json().get("field").asText());
        assertTrue(r.json().get("error").asText().startsWith("dataset.csv: "), r.body());
        assertTrue(r.json().get("error").asText().contains(problem), r.body());
    }

    static Stream<Arguments> badRequests() {
        String csv = "1,2,a\n3,4,b\n5,6,c\n";
        return Stream.of(
                Arguments.of(body(csv, "\"points\": [[0, 0, 0]]", ""), "dataset.points"),
                Arguments.of(body(csv, "\"classNames\": [\"p\", \"q\", \"r\"]", ""), "dataset.classNames"),
                Arguments.of(body(csv, "\"columns\": {\"x1\": 5}", ""), "dataset.columns"),
                Arguments.of(body(csv, "\"columns\": {\"x1\": 1, \"x2\": 1}", ""), "dataset.columns"),
                Arguments.of(body(csv, "\"columns\": {\"x1\": 0}", ""), "dataset.columns.x1"),
                Arguments.of(body(csv, "\"columns\": {\"z\": 1}", ""), "dataset.columns.z"),
                Arguments.of(body(csv, "\"columns\": [1, 2, 3]", ""), "dataset.columns"),
                Arguments.of(body(csv, "\"standardize\": \"yes\"", ""), "dataset.standardize"),
                Arguments.of(body(csv, "", "\"classes\": 2"), "classes"),
                Arguments.of("{\"dataset\": {\"name\": \"custom\", \"csv\": 12}}", "dataset.csv"),
                Arguments.of("{\"dataset\": {\"name\": \"blobs\", \"csv\": \"1,2,a\"}}", "dataset.csv"),
                Arguments.of("{\"dataset\": {\"name\": \"custom\", \"points\": [[0, 0, 0]], \"standardize\": true}}",
                        "dataset.standardize"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void a_request_that_misuses_the_csv_fields_is_refused_naming_the_field(String body, String field) {
        TestServer.Response r = server.postJson("/api/runs", body);
        assertEquals(400, r.status(), r.body());
        assertEquals(field, r.json().get("field").asText(), r.body());
    }

    static Stream<Arguments> badNames() {
        String points = "\"points\": [[0, 0, 0], [1, 1, 1]]";
        return Stream.of(
                Arguments.of("{\"dataset\": {\"name\": \"custom\", " + points + ", \"classNames\": [\"a\", \"a\"]}}",
                        "dataset.classNames", "no two are the same"),
                Arguments.of("{\"dataset\": {\"name\": \"custom\", " + points + ", \"classNames\": [\""
                        + "n".repeat(33) + "\"]}}", "dataset.classNames", "1 to 32 characters"),
                Arguments.of("{\"dataset\": {\"name\": \"custom\", " + points + ", \"classNames\": [\"a\", \"b\", "
                        + "\"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\"]}}", "dataset.classNames", "at most 8"),
                Arguments.of("{\"dataset\": {\"name\": \"custom\", " + points + ", \"classNames\": [\"a\", 3]}}",
                        "dataset.classNames", "must be a string"),
                Arguments.of("{\"dataset\": {\"name\": \"custom\", " + points + ", \"classNames\": [\"a\", \"b\", "
                        + "\"c\"]}, \"classes\": 2}", "classes", "the data name 3 classes (a, b, c)"),
                Arguments.of("{\"dataset\": {\"name\": \"blobs\", \"classNames\": [\"a\", \"b\"]}}",
                        "dataset.classNames", "only allowed with \"name\": \"custom\""),
                Arguments.of("{\"dataset\": {\"name\": \"custom\", " + points + ", \"standardization\": {\"x1\": "
                        + "{\"column\": \"a\", \"mean\": 0, \"deviation\": 0}, \"x2\": {\"column\": \"b\", "
                        + "\"mean\": 0, \"deviation\": 1}}}}", "dataset.standardization",
                        "a finite deviation above 0"));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void class_names_and_standardization_are_checked_as_any_field(String body, String field, String problem) {
        TestServer.Response r = server.postJson("/api/runs", body);
        assertEquals(400, r.status(), r.body());
        assertEquals(field, r.json().get("field").asText(), r.body());
        assertTrue(r.json().get("error").asText().contains(problem), r.body());
    }

    @Test
    void a_permalink_with_bad_names_or_standardization_is_refused_naming_its_parameter() {
        for (String[] c : new String[][] {{"names=a,a", "names"}, {"names=a,b,c,d,e,f,g,h,i", "names"},
            {"standardized=a:0:1", "standardized"}, {"standardized=a:0:0,b:0:1", "standardized"},
            {"standardized=a:x:1,b:0:1", "standardized"}}) {
            TestServer.Response r = server.get("/?dataset=custom&points=0,0,0;1,1,1&" + c[0]);
            assertEquals(400, r.status(), r.body());
            assertEquals(c[1], Jsoup.parse(r.body()).getElementById("message").attr("data-field"), c[0]);
        }
    }

    @Test
    void fishers_iris_uploaded_as_its_file_trains_with_batch_gd_to_the_optimum_scikit_learn_finds() {
        JsonNode c = irisReference.get("case");
        JsonNode s = server.createRun(body(iris, "", "\"learningRate\": " + c.get("learningRate") + ", \"l2\": "
                + c.get("l2") + ", \"step\": " + c.get("steps")));
        assertEquals(irisReference.get("classNames"), s.get("classNames"));
        assertEquals(3, s.get("classes").asInt());
        assertEquals("softmax", s.get("parameterization").asText());
        assertEquals("petal_length", s.at("/standardization/x1/column").asText());
        for (int j = 0; j < 2; j++) {
            JsonNode column = s.get("standardization").get("x" + (j + 1));
            assertEquals(irisReference.get("means").get(j).doubleValue(), column.get("mean").doubleValue(), 1e-14);
            assertEquals(irisReference.get("deviations").get(j).doubleValue(), column.get("deviation").doubleValue(),
                    1e-14);
        }
        assertEquals(150, points(s).size());
        assertEquals("ok", s.get("status").asText());
        assertTrue(s.get("gradientNorm").doubleValue() < 1e-7, s.get("gradientNorm").toString());
        double[][] expected = Nodes.matrix(c.get("weights"));
        double[][] actual = Nodes.matrix(s.get("weights"));
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 2; i++) {
                assertEquals(expected[r][i], actual[r][i], 1e-6, "weight (" + r + ", " + i + ")");
            }
        }
        double[] b = Nodes.vector(s.get("biases"));
        double[] e = Nodes.vector(c.get("biases"));
        for (int r = 0; r < 3; r++) {
            // Softmax biases are identified up to a common shift: compared centered.
            assertEquals(e[r] - (e[0] + e[1] + e[2]) / 3, b[r] - (b[0] + b[1] + b[2]) / 3, 1e-6, "bias " + r);
        }
        assertEquals(c.get("objective").doubleValue(), s.at("/loss/objective").doubleValue(), 1e-9);
        assertEquals(irisReference.get("accuracy").doubleValue(), s.at("/accuracy/train").doubleValue(), 0.0);
    }
}
