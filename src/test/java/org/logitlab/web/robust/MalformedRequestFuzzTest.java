package org.logitlab.web.robust;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import org.logitlab.web.Settings;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;
import org.logitlab.web.robust.Garbage.Param;
import org.logitlab.web.robust.JsonText.Node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.logitlab.web.robust.JsonText.arr;
import static org.logitlab.web.robust.JsonText.num;
import static org.logitlab.web.robust.JsonText.obj;
import static org.logitlab.web.robust.JsonText.str;
import static org.logitlab.web.robust.JsonText.strings;

/**
 * Thousands of malformed requests against one live server: whatever arrives, the answer is a 2xx, 3xx or a
 * well-formed 4xx ({@link ResponseContract}), and runs nobody addressed are left exactly as they were.
 *
 * <p>The fuzz steps and tunes two runs of its own (one through the API, one through the page) and creates many
 * more; the untouched runs are made first, and their JSON text is compared after every property.
 */
@Tag("slow") // thousands of generated requests: about 10 s
class MalformedRequestFuzzTest {
    private static final List<Node> CREATE_BASES = List.of(
            obj("dataset", obj("name", str("blobs"), "n", num(30), "noise", num(0.1), "seed", num(3)),
                    "classes", num(3), "parameterization", str("softmax"), "features", strings("x1", "x2", "x1^2"),
                    "optimizer", str("minibatch"), "batchSize", num(5), "learningRate", num(0.5), "l2", num(0.01),
                    "testFraction", num(0.2), "seed", num(7), "init", str("random"), "step", num(5),
                    "schedule", arr(obj("from", num(3), "learningRate", num(0.2), "l2", num(0)))),
            obj("dataset", obj("name", str("custom"), "points", arr(arr(num(0.1), num(0.2), num(0)),
                            arr(num(-0.3), num(0.4), num(1)), arr(num(0.5), num(-0.5), num(1)))),
                    "init", obj("weights", arr(arr(num(0.1), num(0.2))), "biases", arr(num(0.3))), "step", num(2)),
            obj("dataset", obj("name", str("xor"), "n", num(20)), "features", strings("x1", "x2", "x1*x2"),
                    "optimizer", str("sgd"), "step", num(3)));
    private static final List<Node> STEP_BASES = List.of(obj("count", num(3)), obj("step", num(4)),
            obj("learningRate", num(0.2), "l2", num(0.01)), obj());
    private static final List<String> PAGE_PARAMETERS = List.of("dataset", "n", "noise", "dataSeed", "points",
            "classes", "parameterization", "features", "optimizer", "batchSize", "learningRate", "l2",
            "testFraction", "seed", "init", "weights", "biases", "schedule", "step", "lang", "run", "state");
    private static final List<List<Param>> PERMALINKS = List.of(
            params("dataset", "blobs", "n", "20", "noise", "0.1", "dataSeed", "1", "classes", "3",
                    "parameterization", "softmax", "features", "x1,x2,x1^2", "optimizer", "minibatch", "batchSize", "5",
                    "learningRate", "0.3", "l2", "0.01", "testFraction", "0.2", "seed", "2", "init", "zeros",
                    "step", "4"),
            params("dataset", "custom", "points", "0.1,0.2,0;-0.3,0.4,1;0.5,-0.5,1", "init", "explicit",
                    "weights", "0.1,0.2", "biases", "0.3", "schedule", "2:0.5:0.0", "step", "3"));
    private static final List<List<String>> PAGE_HEADERS = List.of(List.of(), List.of("HX-Request", "true"),
            List.of("HX-Request", "true", "Accept", "text/html"), List.of("Accept", "text/html"),
            List.of("Accept", "application/json"), List.of("HX-Request", "false", "Accept", "text/html,*/*"),
            List.of("Accept", "text/html", "Accept-Language", "zh-CN,zh;q=0.9"),
            List.of("HX-Request", "true", "Cookie", "lang=zh"), List.of("Accept", "text/html", "Accept-Language",
                    "!!;q=x,,"), List.of("Accept", "text/html", "Cookie", "lang=%00; lang=en"));

    /** Where the form generators put the lab run's id and state, as they read once URL-encoded. */
    private static final String RUN = "%7Brun%7D";
    private static final String STATE = "%7Bstate%7D";
    /** A run id no server holds, as after an eviction or a restart. */
    private static final String GONE = "0123456789abcdef0123456789abcdef";

    private static TestServer server;
    private static final Map<String, String> untouched = new LinkedHashMap<>();
    private static String apiRun;
    private static String labRun;
    private static String labState;

    @BeforeContainer
    static void start() {
        // Room for every run the fuzz creates, so that nothing is evicted and "unchanged" means unchanged.
        server = TestServer.startInTemporaryDirectory(dir -> Settings.forTests(dir).withRunMemoryBytes(1L << 40)
                .withIdleExpiry(Duration.ofHours(1)));
        List<String> ids = new ArrayList<>();
        CREATE_BASES.forEach(body -> ids.add(server.createRun(body.render()).get("id").asText()));
        ids.add(server.open(Garbage.encode(PERMALINKS.get(0))).id());
        ids.forEach(id -> untouched.put(id, stateText(id)));

        apiRun = server.createRun("{\"dataset\":{\"n\":20},\"classes\":3,\"optimizer\":\"sgd\"}").get("id").asText();
        Lab lab = server.open("dataset=blobs&n=20&classes=3");
        labRun = lab.id();
        labState = lab.state();
    }

    /**
     * After each property, so after the last one too, whichever that is. (A failure in an
     * {@code @AfterContainer} hook does not reach Surefire's report; one here fails the property.)
     */
    @AfterProperty
    void afterwards_the_server_still_serves_and_untouched_runs_are_unchanged() {
        assertEquals(201, server.postJson("/api/runs", "{\"step\":3}").status());
        assertEquals(200, server.get("/?dataset=moons&step=2").status());
        untouched.forEach((id, before) -> assertEquals(before, stateText(id),
                "run " + id + " changed although no request addressed it"));
    }

    /** GET /api/runs/{id} exactly as the server wrote it. */
    private static String stateText(String id) {
        Response r = server.get("/api/runs/" + id);
        assertEquals(200, r.status(), r::body);
        return r.body();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 1500)
    void creating_a_run_from_any_body_answers_201_or_a_well_formed_4xx(
            @ForAll("createBodies") String body, @ForAll("jsonContentTypes") String contentType) {
        String[] headers = contentType.isEmpty() ? new String[0] : new String[] {"Content-Type", contentType};
        Response r = server.post("/api/runs", body, headers);
        Statistics.collect(r.status());
        ResponseContract.check("POST /api/runs " + ResponseContract.abbreviate(body), r);
    }

    @Property(tries = 200)
    void creating_a_run_from_random_bytes_never_answers_a_5xx(
            @ForAll @Size(max = 300) byte[] body) {
        Response r = server.postBytes("/api/runs", body, "Content-Type", "application/json");
        Statistics.collect(r.status());
        ResponseContract.check("POST /api/runs " + Arrays.toString(body), r);
    }

    @Property(tries = 1000)
    void stepping_seeking_and_tuning_with_any_body_answers_200_or_a_well_formed_4xx(
            @ForAll("stepActions") String action, @ForAll("stepBodies") String body) {
        Response r = server.postJson("/api/runs/" + apiRun + "/" + action, body);
        Statistics.collect(action, r.status());
        ResponseContract.check("POST /api/runs/{id}/" + action + " " + ResponseContract.abbreviate(body), r);
    }

    @Property(tries = 800)
    void any_method_and_path_under_the_api_answers_well_formed(@ForAll("methods") String method,
                                                                @ForAll("apiPaths") String path) {
        String target = path.replace("{run}", apiRun);
        Response r = server.raw(method, target, List.of("Accept: application/json"), new byte[0]);
        Statistics.collect(method, r.status());
        if (method.equals("HEAD")) {
            ResponseContract.checkStatus(method + " " + target, r.status());
        } else {
            ResponseContract.check(method + " " + target, r);
        }
    }

    @Property(tries = 300)
    void the_page_with_any_query_answers_200_or_a_400_naming_the_parameter(
            @ForAll("pageQueries") String query, @ForAll("pageHeaders") List<String> headers) {
        Response r = server.raw("GET", "/?" + query, headerLines(headers), new byte[0]);
        Statistics.collect(headers.contains("HX-Request") && headers.contains("true") ? "htmx" : "plain",
                r.status());
        ResponseContract.check("GET /?" + query + " " + headers, r);
    }

    @Property(tries = 600)
    void lab_actions_with_any_form_answer_well_formed(@ForAll("labActions") String action,
                                                      @ForAll("labForms") String form,
                                                      @ForAll("pageHeaders") List<String> headers) {
        String body = form.replace(RUN, labRun).replace(STATE, URLEncoder.encode(labState, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(headers);
        all.addAll(List.of("Content-Type", "application/x-www-form-urlencoded"));
        Response r = server.post("/lab/" + action, body, all.toArray(String[]::new));
        Statistics.collect(action, r.status());
        ResponseContract.check("POST /lab/" + action + " " + body + " " + headers, r);
    }

    @Provide
    Arbitrary<String> createBodies() {
        return Garbage.jsonBodies(CREATE_BASES);
    }

    @Provide
    Arbitrary<String> jsonContentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "", "text/plain",
                "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1", "*/*");
    }

    @Provide
    Arbitrary<String> stepActions() {
        return Arbitraries.of("step", "seek", "hyperparameters", "reset");
    }

    @Provide
    Arbitrary<String> stepBodies() {
        return Garbage.jsonBodies(STEP_BASES);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    }

    @Provide
    Arbitrary<String> apiPaths() {
        Arbitrary<String> segment = Garbage.pathSegment();
        return Arbitraries.oneOf(
                segment.map(s -> "/api/runs/" + s),
                Combinators.combine(segment, segment).as((a, b) -> "/api/runs/" + a + "/" + b),
                Combinators.combine(segment, segment).as((a, b) -> "/api/" + a + "/" + b),
                segment.map(s -> "/api/runs/{run}/" + s),
                segment.map(s -> "/api/runs/{run}/examples/" + s),
                Combinators.combine(segment, segment).as((k, i) -> "/api/runs/{run}/weights/" + k + "/" + i),
                segment.map(s -> "/api/runs/{run}/history?from=" + s),
                segment.map(s -> "/api/runs/{run}?" + s + "=" + s));
    }

    @Provide
    Arbitrary<String> pageQueries() {
        return Garbage.encodedParams(PERMALINKS, PAGE_PARAMETERS);
    }

    @Provide
    Arbitrary<List<String>> pageHeaders() {
        return Arbitraries.of(PAGE_HEADERS);
    }

    @Provide
    Arbitrary<String> labActions() {
        return Arbitraries.of("step", "back", "seek", "tune", "points/add");
    }

    /**
     * The fields the page's actions send, bent: the run is the live lab run or one that has gone (so that the
     * state permalink is read), and the state is sometimes a damaged permalink.
     */
    @Provide
    Arbitrary<String> labForms() {
        List<List<Param>> bases = new ArrayList<>();
        for (List<Param> extra : List.of(params("count", "2"), params("to", "3"),
                params("learningRate", "0.2", "l2", "0.01"), params("x1", "0.5", "x2", "-0.5", "label", "1"))) {
            for (String run : List.of("{run}", GONE)) {
                for (String inspect : List.of("", "w:0,1", "x:3:s")) {
                    List<Param> base = params("run", run, "state", "{state}", "inspect", inspect);
                    base.addAll(extra);
                    bases.add(base);
                }
            }
        }
        List<String> names = List.of("run", "state", "inspect", "count", "to", "learningRate", "l2", "x1", "x2",
                "label", "index");
        Arbitrary<List<Param>> forms = Combinators.combine(Garbage.mutatedParams(bases, names),
                Garbage.encodedParams(PERMALINKS, PAGE_PARAMETERS), Arbitraries.of(true, false))
                .as((form, state, replace) -> {
                    if (replace) {
                        form.replaceAll(p -> p.name().equals("state") ? new Param("state", state) : p);
                    }
                    return form;
                });
        return Garbage.encoded(forms);
    }

    private static List<String> headerLines(List<String> pairs) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            lines.add(pairs.get(i) + ": " + pairs.get(i + 1));
        }
        return lines;
    }

    private static List<Param> params(String... namesAndValues) {
        List<Param> out = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.add(new Param(namesAndValues[i], namesAndValues[i + 1]));
        }
        return out;
    }

}
