package org.logitlab.web.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityTest extends ServerTest {
    static final List<String> PAYLOADS = List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>");
    /** Every parameter a permalink may carry. */
    static final List<String> RUN_PARAMETERS = List.of("dataset", "n", "noise", "dataSeed", "points", "classes",
            "parameterization", "features", "optimizer", "batchSize", "learningRate", "l2", "testFraction", "seed",
            "init", "weights", "biases", "schedule", "step");
    static final String UNKNOWN_RUN = "0123456789abcdef0123456789abcdef";

    /** The body shows the payload only as text: no script that alerts, no element with an event handler. */
    static void assertInert(Response r, String what) {
        String body = r.body();
        assertTrue(r.status() < 500, () -> what + " answered " + r.status() + ": " + body);
        for (String payload : PAYLOADS) {
            assertFalse(body.contains(payload), () -> what + " reflects the raw payload: " + body);
        }
        assertFalse(body.contains("<img src=x"), () -> what + " reflects an unescaped <img>");
        Document doc = Jsoup.parse(body);
        assertTrue(doc.select("script").stream().noneMatch(s -> s.data().contains("alert")), what);
        assertTrue(doc.select("[onerror]").isEmpty(), () -> what + " has an element with onerror");
        assertTrue(doc.select("img[src=x]").isEmpty(), what);
        r.headers().map().forEach((name, values) -> values.forEach(v ->
                assertFalse(v.contains("<") || v.contains("\""), () -> what + " reflects markup in " + name + ": " + v)));
    }

    static void assertRefused(Response r, String what) {
        assertTrue(r.status() >= 400 && r.status() < 500, () -> what + " answered " + r.status()
                + " instead of a 4xx: " + r.body());
        assertInert(r, what);
    }

    @TestFactory
    Stream<DynamicTest> markup_in_any_page_parameter_is_refused_with_a_4xx_and_shown_only_as_text() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String payload : PAYLOADS) {
            for (String name : RUN_PARAMETERS) {
                String prefix = name.equals("weights") || name.equals("biases") ? "init=explicit&" : "";
                String query = prefix + TestServer.query(name, payload);
                tests.add(DynamicTest.dynamicTest(name + " = " + payload, () -> {
                    assertRefused(server.get("/?" + query, "Accept", "text/html"), "GET /?" + query);
                    assertRefused(server.get("/?" + query, "HX-Request", "true", "Accept", "text/html"),
                            "htmx GET /?" + query);
                }));
            }
            tests.add(DynamicTest.dynamicTest("a parameter named " + payload, () -> {
                String query = TestServer.query(payload, "1");
                assertRefused(server.get("/?" + query, "Accept", "text/html"), "GET /?" + query);
            }));
            tests.add(DynamicTest.dynamicTest("lang = " + payload, () -> {
                String query = TestServer.query("lang", payload);
                assertInert(server.get("/?" + query, "Accept", "text/html"), "GET /?" + query);
            }));
        }
        return tests.stream();
    }

    /** One /lab action: its path, method, the fields it reads, and the query of the page it starts from. */
    record Action(String method, String path, String start, String... fields) {
        Map<String, String> validValues() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("count", "1");
            v.put("to", "0");
            v.put("learningRate", "0.5");
            v.put("l2", "0.01");
            v.put("x1", "2");
            v.put("x2", "2");
            v.put("label", "1");
            v.put("index", "0");
            v.put("inspect", "w:0,0");
            return v;
        }
    }

    static final String CUSTOM = "dataset=custom&points=1,1,0;-1,-1,1;2,2,1&classes=2";
    static final List<Action> ACTIONS = List.of(
            new Action("POST", "/lab/step", "", "count", "inspect"),
            new Action("POST", "/lab/back", "step=2", "count", "inspect"),
            new Action("POST", "/lab/seek", "step=2", "to", "inspect"),
            new Action("POST", "/lab/reset", "step=2", "inspect"),
            new Action("POST", "/lab/tune", "", "learningRate", "l2", "inspect"),
            new Action("POST", "/lab/points/add", CUSTOM, "x1", "x2", "label"),
            new Action("POST", "/lab/points/remove", CUSTOM, "index"),
            new Action("GET", "/lab/inspect", "", "inspect"));

    private static Response send(Action a, Map<String, String> form, boolean htmx) {
        if (a.method().equals("GET")) {
            String q = TestServer.encode(form);
            return htmx ? server.htmxGet(a.path() + "?" + q) : server.get(a.path() + "?" + q, "Accept", "text/html");
        }
        return htmx ? server.htmxPost(a.path(), form) : server.postForm(a.path(), form, "Accept", "text/html");
    }

    @TestFactory
    Stream<DynamicTest> markup_in_any_form_field_of_a_lab_action_is_refused_with_a_4xx_and_shown_only_as_text() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Action a : ACTIONS) {
            for (String field : a.fields()) {
                for (String payload : PAYLOADS) {
                    tests.add(DynamicTest.dynamicTest(a.path() + " " + field + " = " + payload, () -> {
                        Lab lab = server.open(a.start());
                        for (boolean htmx : new boolean[] {true, false}) {
                            Map<String, String> form = lab.form();
                            Map<String, String> valid = a.validValues();
                            Arrays.stream(a.fields()).forEach(f -> form.put(f, valid.get(f)));
                            form.put(field, payload);
                            assertRefused(send(a, form, htmx), (htmx ? "htmx " : "") + a.path() + " " + field);
                        }
                    }));
                }
            }
            for (String payload : PAYLOADS) {
                tests.add(DynamicTest.dynamicTest(a.path() + " state = " + payload + " (lost run)", () -> {
                    Lab lab = server.open(a.start());
                    Map<String, String> form = lab.form();
                    Map<String, String> valid = a.validValues();
                    Arrays.stream(a.fields()).forEach(f -> form.put(f, valid.get(f)));
                    form.put("run", UNKNOWN_RUN);
                    form.put("state", payload);
                    assertRefused(send(a, form, true), a.path() + " state");
                }));
                tests.add(DynamicTest.dynamicTest(a.path() + " run = " + payload, () -> {
                    // An unknown run id is rebuilt from the state (that is how lost runs come back): not an error,
                    // but the id must never be echoed as markup.
                    Lab lab = server.open(a.start());
                    Map<String, String> form = lab.form();
                    Map<String, String> valid = a.validValues();
                    Arrays.stream(a.fields()).forEach(f -> form.put(f, valid.get(f)));
                    form.put("run", payload);
                    assertInert(send(a, form, true), a.path() + " run");
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void exports_refuse_markup_in_the_state_of_a_lost_run() {
        for (String file : List.of("weights.json", "history.csv", "plot.svg")) {
            for (String payload : PAYLOADS) {
                String q = TestServer.query("run", UNKNOWN_RUN) + "&" + TestServer.query("state", payload);
                assertRefused(server.get("/lab/export/" + file + "?" + q, "Accept", "text/html"), file);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/?step=abc", "/no/such/page", "/static/lab.js", "/static/lab.css",
        "/lab/export/plot.svg?state=dataset%3Dblobs&run=" + UNKNOWN_RUN, "/api/runs/" + UNKNOWN_RUN})
    void every_response_carries_the_security_headers(String path) {
        Response r = server.get(path, "Accept", "text/html");
        assertTrue(r.status() < 500, path);
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        Map<String, String> directives = new LinkedHashMap<>();
        for (String d : csp.split(";")) {
            String t = d.trim();
            if (!t.isEmpty()) {
                int sp = t.indexOf(' ');
                directives.put(sp < 0 ? t : t.substring(0, sp), sp < 0 ? "" : t.substring(sp + 1));
            }
        }
        String scripts = directives.getOrDefault("script-src", directives.get("default-src"));
        assertTrue(scripts != null && !scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'")
                && !scripts.contains("*"), path + " script policy: " + csp);
        assertFalse(directives.containsKey("script-src-elem") || directives.containsKey("script-src-attr")
                && directives.get("script-src-attr").contains("'unsafe-inline'"), csp);
        assertEquals("'none'", directives.get("frame-ancestors"), path + ": " + csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
        assertFalse(r.headers().firstValue("Referrer-Policy").orElse("").isBlank(), path);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/static/../pom.xml", "/static/%2e%2e/pom.xml", "/static/%2E%2E/pom.xml",
        "/static/..%2fpom.xml", "/static/%2e%2e%2f%2e%2e%2fpom.xml", "/static/....//pom.xml",
        "/webjars/../../etc/passwd", "/webjars/%2e%2e/%2e%2e/etc/passwd", "/static/../../../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%5c..%5cpom.xml",
        "/static/../webjars.properties", "/static/%2e%2e/webjars.properties", "/static/%2e%2e/i18n/messages.properties",
        "/static/%2e%2e/templates/lab.html", "/static/%2e%2e/org/logitlab/web/LogitLabApp.class",
        "/webjars/%2e%2e/webjars.properties"})
    void a_static_path_never_escapes_its_folder(String target) {
        Response r = server.rawGet(target);
        // Headers and body: a file's contents must show up in neither.
        String text = r.headers().map() + "\n" + r.body();
        assertTrue(r.status() < 500, () -> target + " answered " + text);
        boolean leaked = text.contains("<project") || text.contains("root:x:0:0") || text.contains("htmx=")
                || text.contains("app.title=") || text.contains("th:fragment") || text.contains("LineNumberTable");
        assertFalse(r.status() == 200 && leaked, () -> target + " served a file from outside /static: " + text);
        assertFalse(leaked, () -> target + " leaked file contents in a " + r.status() + ": " + text);
    }
}
