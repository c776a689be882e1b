package org.logitlab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.web.TestServer;

/**
 * Every bad request gets a 4xx with {@code {"error", "field"}} naming the culprit, never a 500, and leaves the
 * runs that exist as they were.
 */
class ApiErrorsTest extends ServerTest {

    /** A run created before each bad request, which must come through it untouched. */
    private String bystander;
    private JsonNode bystanderBefore;



    @BeforeEach
    void createBystander() {
        bystanderBefore = server.createRun("{\"classes\":3,\"init\":\"random\",\"testFraction\":0.2,\"step\":5,"
                + "\"dataset\":{\"n\":60}}");
        bystander = bystanderBefore.get("id").asText();
    }

    /** The answer is {@code status} with a JSON body whose field is {@code field}, and no run changed. */
    private void assertRejected(TestServer.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode error = r.json();
        assertTrue(error.isObject(), r.body());
        assertEquals(field, error.path("field").asText(), r.body());
        assertTrue(error.path("error").isTextual() && !error.path("error").asText().isBlank(), r.body());
        // JsonNode equality compares every double exactly.
        assertEquals(bystanderBefore, server.run(bystander), "the run created before is unchanged");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # unknown fields, at the top and inside dataset
            {"foo":1}                                                  | foo
            {"learningrate":0.1}                                       | learningrate
            {"dataset":{"name":"blobs","size":10}}                     | dataset.size
            {"init":{"weights":[[0,0]],"biases":[0],"scale":1}}        | init
            # wrong types: string for number, number for string, array vs object
            {"learningRate":"0.1"}                                     | learningRate
            {"l2":"0"}                                                 | l2
            {"classes":"2"}                                            | classes
            {"step":"5"}                                               | step
            {"seed":true}                                              | seed
            {"batchSize":[10]}                                         | batchSize
            {"testFraction":{}}                                        | testFraction
            {"parameterization":1}                                     | parameterization
            {"optimizer":2}                                            | optimizer
            {"features":"x1"}                                          | features
            {"features":[1]}                                           | features
            {"features":{"x1":true}}                                   | features
            {"dataset":"blobs"}                                        | dataset
            {"dataset":[]}                                             | dataset
            {"dataset":{"name":5}}                                     | dataset.name
            {"dataset":{"n":"200"}}                                    | dataset.n
            {"dataset":{"noise":"0.1"}}                                | dataset.noise
            {"dataset":{"seed":[1]}}                                   | dataset.seed
            {"dataset":{"name":"custom","points":{"a":[0,0,0]}}}       | dataset.points
            {"dataset":{"name":"custom","points":[["0",0,0]]}}         | dataset.points[0]
            {"init":5}                                                 | init
            {"init":"ones"}                                            | init
            {"init":[[0,0]]}                                           | init
            {"init":{"weights":[[0,0]],"biases":0}}                    | init.biases
            {"init":{"weights":[[0,"a"]],"biases":[0]}}                | init.weights
            {"init":{"weights":[0,0],"biases":[0]}}                    | init.weights
            # out of range, for each numeric field
            {"learningRate":0}                                         | learningRate
            {"learningRate":-0.5}                                      | learningRate
            {"learningRate":100.0001}                                  | learningRate
            {"l2":-0.001}                                              | l2
            {"l2":10.5}                                                | l2
            {"step":-1}                                                | step
            {"step":100001}                                            | step
            {"step":2.5}                                               | step
            {"classes":1}                                              | classes
            {"classes":9}                                              | classes
            {"classes":2.5}                                            | classes
            {"batchSize":0}                                            | batchSize
            {"batchSize":5001}                                         | batchSize
            {"testFraction":-0.1}                                      | testFraction
            {"testFraction":0.95}                                      | testFraction
            {"seed":-1}                                                | seed
            {"seed":9007199254740992}                                  | seed
            {"seed":1e30}                                              | seed
            {"dataset":{"n":0}}                                        | dataset.n
            {"dataset":{"n":5001}}                                     | dataset.n
            {"dataset":{"noise":-0.1}}                                 | dataset.noise
            {"dataset":{"noise":1.5}}                                  | dataset.noise
            {"dataset":{"seed":-3}}                                    | dataset.seed
            {"init":{"weights":[[2e6,0]],"biases":[0]}}                | init.weights
            {"init":{"weights":[[0,0]],"biases":[-2e6]}}               | init.biases
            # not finite: 1e999 is a JSON number too large for a double; NaN and Infinity are not JSON
            {"learningRate":1e999}                                     | learningRate
            {"l2":-1e999}                                              | l2
            {"testFraction":1e999}                                     | testFraction
            {"dataset":{"noise":1e999}}                                | dataset.noise
            {"init":{"weights":[[1e999,0]],"biases":[0]}}              | init.weights
            {"dataset":{"name":"custom","points":[[1e999,0,0]]}}       | dataset.points[0]
            {"learningRate":NaN}                                       | body
            {"learningRate":Infinity}                                  | body
            {"l2":-Infinity}                                           | body
            # duplicated fields
            {"l2":0,"l2":1}                                            | l2
            {"dataset":{"name":"blobs"},"dataset":{"name":"xor"}}      | dataset
            {"dataset":{"n":5,"n":6}}                                  | dataset.n
            {"init":{"weights":[[0,0]],"weights":[[1,1]],"biases":[0]}} | init.weights
            # malformed JSON and bodies that are not an object
            {                                                          | body
            {"l2":}                                                    | body
            {"l2":0}}                                                  | body
            {} {}                                                      | body
            {'l2':0}                                                   | body
            {"l2":0,}                                                  | body
            []                                                         | body
            [{"l2":0}]                                                 | body
            "blobs"                                                    | body
            42                                                         | body
            null                                                       | body
            # what the data cannot give
            {"dataset":{"name":"moons"},"classes":3}                   | classes
            {"dataset":{"name":"xor"},"classes":3}                     | classes
            {"dataset":{"name":"rings"}}                               | dataset.name
            {"classes":3,"parameterization":"sigmoid"}                 | parameterization
            {"parameterization":"tanh"}                                | parameterization
            {"optimizer":"adam"}                                       | optimizer
            # custom points
            {"dataset":{"name":"custom","points":[[0,0,2]]}}           | dataset.points[0]
            {"dataset":{"name":"custom","points":[[0,0,-1]]}}          | dataset.points[0]
            {"dataset":{"name":"custom","points":[[0,0,0.5]]}}         | dataset.points[0]
            {"dataset":{"name":"custom","points":[[0,0,3]]},"classes":3} | dataset.points[0]
            {"dataset":{"name":"custom","points":[[0,0,0],[6.5,0,1]]}} | dataset.points[1]
            {"dataset":{"name":"custom","points":[[0,-7,1]]}}          | dataset.points[0]
            {"dataset":{"name":"custom","points":[[0,0]]}}             | dataset.points[0]
            {"dataset":{"name":"custom","points":[[0,0,0,0]]}}         | dataset.points[0]
            {"dataset":{"name":"custom","points":[]}}                  | dataset.points
            {"dataset":{"name":"custom"}}                              | dataset.points
            {"dataset":{"name":"custom","points":[[0,0,0]],"n":1}}     | dataset.n
            {"dataset":{"points":[[0,0,1]]}}                           | dataset.points
            {"dataset":{"name":"blobs","points":[[0,0,1]]}}            | dataset.points
            # features
            {"features":["x3"]}                                        | features
            {"features":["X1"]}                                        | features
            {"features":["x1","x2","x1"]}                              | features
            {"features":[]}                                            | features
            # init of the wrong shape
            {"init":{"weights":[[0,0],[0,0]],"biases":[0]}}            | init.weights
            {"init":{"weights":[[0,0,0]],"biases":[0]}}                | init.weights
            {"init":{"weights":[[0,0]],"biases":[0,0]}}                | init.biases
            {"init":{"weights":[[0,0]]}}                               | init
            {"classes":3,"init":{"weights":[[0,0]],"biases":[0]}}      | init.weights
            {"features":["x1"],"init":{"weights":[[0,0]],"biases":[0]}} | init.weights
            """)
    void creating_a_run_from_a_bad_body_is_400_naming_the_field(String body, String field) {
        assertRejected(server.post("/api/runs", body), 400, field);
    }

    private String target() {
        return server.createRun("{\"dataset\":{\"name\":\"custom\",\"points\":" + ApiMathTest.SOFTMAX_POINTS
                + "},\"classes\":3,\"features\":[\"x1\",\"x2\"],\"step\":2}").get("id").asText();
    }

    /** A bad request against the run itself: rejected, and that run unchanged too. */
    private void assertRejectedOnRun(String id, String method, String path, String body, int status, String field) {
        JsonNode before = server.run(id);
        assertRejected(server.send(method, "/api/runs/" + id + path, body), status, field);
        assertEquals(before, server.run(id));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"count":0}              | count
            {"count":10001}          | count
            {"count":"5"}            | count
            {"count":1.5}            | count
            {"count":-3}             | count
            {"count":null}           | count
            {"count":1e999}          | count
            {"count":1,"count":2}    | count
            {"steps":5}              | steps
            [5]                      | body
            5                        | body
            {"count":                | body
            """)
    void a_bad_step_count_is_400_naming_the_field(String body, String field) {
        assertRejectedOnRun(target(), "POST", "/step", body, 400, field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                       | step
            {"step":-1}              | step
            {"step":100001}          | step
            {"step":"3"}             | step
            {"step":0.5}             | step
            {"to":3}                 | to
            """)
    void a_bad_seek_is_400_naming_the_field(String body, String field) {
        assertRejectedOnRun(target(), "POST", "/seek", body, 400, field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"learningRate":0}          | learningRate
            {"learningRate":101}        | learningRate
            {"learningRate":"0.1"}      | learningRate
            {"learningRate":1e999}      | learningRate
            {"l2":-1}                   | l2
            {"l2":11}                   | l2
            {"l2":[0]}                  | l2
            {"eta":0.1}                 | eta
            {"l2":1,"l2":2}             | l2
            {"learningRate":NaN}        | body
            """)
    void bad_hyperparameters_are_400_naming_the_field(String body, String field) {
        assertRejectedOnRun(target(), "POST", "/hyperparameters", body, 400, field);
    }

    @ParameterizedTest(name = "history{0} -> from")
    @ValueSource(strings = {"?from=-1", "?from=abc", "?from=100001", "?from=1.5", "?from="})
    void a_bad_history_start_is_400_naming_from(String query) {
        assertRejectedOnRun(target(), "GET", "/history" + query, null, 400, "from");
    }

    @ParameterizedTest(name = "examples/{0} -> i")
    @ValueSource(strings = {"9", "10", "-1", "abc", "1.5", "99999999999999999999"})
    void an_example_index_outside_the_dataset_is_400_naming_i(String i) {
        assertRejectedOnRun(target(), "GET", "/examples/" + i, null, 400, "i");
    }

    @Test
    void the_last_example_index_is_inside_the_dataset() {
        assertEquals(8, TestServer.ok(server.get("/api/runs/" + target() + "/examples/8")).get("index").asInt());
    }

    @ParameterizedTest(name = "weights/{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            3/0     | k
            -1/0    | k
            x/0     | k
            0/4     | i
            0/-1    | i
            0/one   | i
            2/3.0e1 | i
            """)
    void a_parameter_outside_the_model_is_400_naming_k_or_i(String ki, String field) {
        // Three weight vectors over two features: k in 0..2, i in 0..2 where 2 is the bias.
        assertRejectedOnRun(target(), "GET", "/weights/" + ki, null, 400, field);
    }

    @Test
    void the_bias_of_the_last_weight_vector_is_inside_the_model() {
        JsonNode a = TestServer.ok(server.get("/api/runs/" + target() + "/weights/2/2"));
        assertEquals(2, a.get("k").asInt());
        assertEquals(2, a.get("i").asInt());
    }

    @ParameterizedTest(name = "{0} {1} -> 404")
    @CsvSource(delimiter = '|', textBlock = """
            GET  |
            POST | /step
            POST | /reset
            POST | /seek
            POST | /hyperparameters
            GET  | /dataset
            GET  | /history
            GET  | /examples/0
            GET  | /weights/0/0
            """)
    void an_unknown_run_id_is_404_on_every_route(String method, String path) {
        String suffix = path == null ? "" : path;
        // A body that would be fine for a live run, so that only the id is wrong.
        String body = switch (suffix) {
            case "/step" -> "{\"count\":1}";
            case "/seek" -> "{\"step\":1}";
            case "/hyperparameters" -> "{\"l2\":1}";
            default -> null;
        };
        assertRejected(server.send(method, "/api/runs/0123456789abcdef0123456789abcdef" + suffix, body), 404, "id");
        assertRejected(server.send(method, "/api/runs/nope" + suffix, body), 404, "id");
    }

    @Test
    void a_body_over_one_megabyte_is_413() {
        StringJoiner points = new StringJoiner(",", "{\"dataset\":{\"name\":\"custom\",\"points\":[", "]}}");
        while (points.length() < 1_100_000) {
            points.add("[1.2345678901234,-2.3456789012345,1]");
        }
        // Over a plain socket: the server may answer and close before the whole body is written.
        assertRejected(server.postRaw("/api/runs", points.toString()), 413, "body");
        String id = target();
        JsonNode before = server.run(id);
        String padded = "{\"count\":1" + " ".repeat(1_100_000) + "}";
        assertRejected(server.postRaw("/api/runs/" + id + "/step", padded), 413, "body");
        assertEquals(before, server.run(id));
    }

    @Test
    void a_streamed_body_over_one_megabyte_without_a_length_is_413_too() {
        String id = target();
        JsonNode before = server.run(id);
        String padded = "{\"count\":1" + " ".repeat(1_100_000) + "}";
        assertRejected(server.postChunked("/api/runs/" + id + "/step", padded), 413, "body");
        assertEquals(before, server.run(id));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"step":0}               | step
            {                        | body
            [1]                      | body
            """)
    void a_reset_with_a_body_other_than_empty_is_400_like_every_other_route(String body, String field) {
        assertRejectedOnRun(target(), "POST", "/reset", body, 400, field);
    }

    /** Candidate values for one field: some valid, most not. */
    private static final List<String[]> FIELDS = List.of(
            new String[] {"classes", "2", "3", "8", "9", "0", "\"2\"", "2.5", "null", "[]", "{}"},
            new String[] {"parameterization", "\"sigmoid\"", "\"softmax\"", "\"x\"", "1", "null", "[]"},
            new String[] {"features", "[\"x1\"]", "[\"x1^2\",\"x1*x2\"]", "[]", "[\"x1\",\"x1\"]", "[1]", "\"x1\"",
                "[null]", "null", "{}"},
            new String[] {"optimizer", "\"batch\"", "\"sgd\"", "\"minibatch\"", "\"adam\"", "0", "null"},
            new String[] {"batchSize", "1", "10", "5000", "0", "5001", "\"10\"", "-1", "1e999"},
            new String[] {"learningRate", "0.1", "100", "0", "-1", "1e999", "\"0.1\"", "null", "1e-320"},
            new String[] {"l2", "0", "10", "10.0001", "-0.0", "\"0\"", "true", "1e-320"},
            new String[] {"testFraction", "0", "0.5", "0.9", "0.91", "-1", "\"0.5\""},
            new String[] {"seed", "0", "1", "9007199254740991", "9007199254740992", "-1", "1.5", "\"1\""},
            new String[] {"init", "\"zeros\"", "\"random\"", "\"x\"", "1", "{}", "{\"weights\":[[0,0]],\"biases\":[0]}",
                "{\"weights\":[[1e6,-1e6]],\"biases\":[1e6]}", "{\"weights\":null,\"biases\":null}",
                "{\"weights\":[[0,0],[0,0],[0,0]],\"biases\":[0,0,0]}", "{\"weights\":[null],\"biases\":[0]}"},
            new String[] {"step", "0", "3", "20", "-1", "100001", "\"5\"", "2.5", "null"},
            new String[] {"dataset", "{}", "{\"name\":\"moons\",\"n\":30}", "{\"name\":\"xor\",\"noise\":1}",
                "{\"name\":\"spiral\",\"n\":1}", "{\"name\":\"custom\",\"points\":[[0,0,0]]}",
                "{\"name\":\"custom\",\"points\":[[0,0,0],[1,1,1],[2,2,2]]}", "{\"name\":\"custom\",\"points\":[]}",
                "{\"name\":\"custom\",\"points\":[[null,0,0]]}", "{\"name\":\"custom\",\"points\":[null]}",
                "{\"name\":\"custom\",\"points\":[[0,0,0]],\"seed\":1}", "{\"n\":null}", "{\"name\":null}",
                "{\"name\":\"circles\",\"n\":2,\"seed\":9007199254740991}", "null", "[]", "\"custom\""},
            new String[] {"schedule", "[]", "null", "[{\"from\":1,\"learningRate\":0.2,\"l2\":0}]", "{}", "[1]",
                "[{\"from\":0,\"learningRate\":0.2,\"l2\":0}]", "[{\"from\":2}]"});

    @Test
    void bodies_mixing_valid_and_invalid_values_never_cause_a_server_error() {
        SplittableRandom random = new SplittableRandom(20240601);
        int created = 0;
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 300; attempt++) {
            StringJoiner body = new StringJoiner(",", "{", "}");
            for (String[] field : FIELDS) {
                if (random.nextInt(3) == 0) {
                    body.add("\"" + field[0] + "\":" + field[1 + random.nextInt(field.length - 1)]);
                }
            }
            TestServer.Response r = server.post("/api/runs", body.toString());
            if (r.status() == 201) {
                created++;
                Nodes.assertAllFinite(r.body(), r.json());
            } else if (r.status() != 400 || r.json().path("field").asText().isEmpty()
                    || r.json().path("error").asText().isEmpty()) {
                failures.add(body + " -> " + r.status() + " " + r.body());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(created > 10, "some bodies were valid: " + created);
        assertEquals(bystanderBefore, server.run(bystander));
    }

    @Test
    void an_unknown_route_under_the_api_is_a_json_404() {
        TestServer.Response r = server.get("/api/runs/" + bystander + "/nonsense");
        assertEquals(404, r.status());
        assertFalse(r.json().path("error").asText().isBlank());
        assertEquals(bystanderBefore, server.run(bystander));
    }
}
