package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.logitlab.core.ProximalUpdate;
import org.logitlab.core.WeightAnalysis;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

/**
 * λ₁ on the page: its control beside L2, tuned like η and λ₂; the gradient table marks the weights L1 holds at
 * exactly 0 and shows the proximal step's real change; the weight inspector writes the L1 part of the step out with
 * the numbers of {@link WeightAnalysis#nextStep}.
 */
class L1PageTest extends ServerTest {
    /** Three classes, three features, a strong λ₁ after a few steps: some weights are exactly 0 here. */
    static final String SPARSE = "dataset=blobs&n=60&classes=3&features=x1,x2,sin(x1)&learningRate=0.5&l1=0.08&step=12";
    static final double ETA = 0.5;
    static final double L1 = 0.08;

    private static Document inspect(Lab lab, String token) {
        Response r = server.htmxGet("/lab/inspect?" + lab.runQuery() + "&" + TestServer.query("inspect", token));
        assertEquals(200, r.status(), r::body);
        return Jsoup.parse(r.body());
    }

    private static double value(Document doc, String testId) {
        Element e = doc.selectFirst("[data-testid=" + testId + "]");
        assertNotNull(e, () -> "no " + testId + " in " + doc.getElementById("inspector"));
        return Double.parseDouble(e.attr("data-value"));
    }

    /** What the core says weight (k, i)'s next step is, from the API's exact weight and ∂J_smooth/∂w. */
    private static ProximalUpdate nextStep(Lab lab, int k, int i, int dimension) {
        JsonNode w = server.api("/api/runs/" + lab.id() + "/weights/" + k + "/" + i);
        return new WeightAnalysis(k, i, i == dimension, w.get("weight").doubleValue(), w.get("gradient").doubleValue(),
                0, 0, new double[0], new int[0]).nextStep(ETA, L1);
    }

    @Test
    void the_l1_control_sits_beside_l2_in_the_tuning_panel_and_shows_the_value_in_force() {
        Lab lab = server.open(SPARSE);
        Element tuning = lab.doc().getElementById("tuning");
        Element l1 = tuning.getElementById("l1");
        assertNotNull(l1);
        assertEquals("0.08", l1.val());
        assertEquals("controls", l1.attr("form"), "a change of data or model keeps λ₁");
        assertEquals("10", l1.attr("max"));
        assertTrue(tuning.attr("hx-include").contains("#l1"));
        assertEquals("L1 strength λ₁", tuning.selectFirst("label[for=l1]").text());
        assertEquals("0", server.open("dataset=blobs").doc().getElementById("l1").val().replace(".0", ""));
    }

    @Test
    void tuning_l1_keeps_the_weights_and_the_permalink_replays_the_change_bit_for_bit() {
        Lab lab = server.open("dataset=blobs&n=60&classes=3&learningRate=0.5&step=6");
        JsonNode before = server.run(lab.id());
        Response r = server.htmxPost("/lab/tune", lab.form("l1", "0.15"));
        assertEquals(200, r.status(), r::body);
        JsonNode after = server.run(lab.id());
        assertEquals(0.15, after.get("l1").doubleValue(), 0.0);
        assertEquals(before.get("weights"), after.get("weights"));
        String link = Jsoup.parse(r.body()).getElementById("permalink").attr("href");
        assertTrue(link.contains("schedule=6:0.5:0.0:0.15"), link);

        Lab tuned = new Lab(lab.id(), Jsoup.parse(r.body()).selectFirst("#runref input[name=state]").val(), null);
        server.htmxPost("/lab/step", tuned.form("count", "20"));
        JsonNode stepped = server.run(lab.id());
        JsonNode replayed = server.run(server.open(link.substring(2).replace("step=6", "step=26")).id());
        // JsonNode compares doubles exactly: the same bits.
        assertEquals(stepped.get("weights"), replayed.get("weights"));
        assertEquals(stepped.get("biases"), replayed.get("biases"));
    }

    @Test
    void a_refused_l1_names_l1_and_its_range_in_the_page_s_language() {
        Lab lab = server.open("dataset=blobs");
        Response en = server.htmxPost("/lab/tune", lab.form("l1", "11"));
        assertEquals(400, en.status());
        String english = Jsoup.parse(en.body()).getElementById("message").text();
        assertTrue(english.contains("L1 strength λ₁: must be a number in [0, 10]; got 11"), english);
        Response zh = server.htmxPost("/lab/tune", lab.form("l1", "-1"), "Cookie", "lang=zh");
        String chinese = Jsoup.parse(zh.body()).getElementById("message").text();
        assertTrue(chinese.contains("L1 正则化强度 λ₁：必须是 [0, 10] 范围内的数"), chinese);
        Response page = server.get("/?dataset=blobs&l1=abc");
        assertEquals(400, page.status());
        assertTrue(Jsoup.parse(page.body()).getElementById("message").text().contains("L1 strength λ₁: "), page.body());
    }

    @Test
    void the_table_marks_exactly_the_weights_that_are_zero_and_says_so_to_screen_readers() {
        Lab lab = server.open(SPARSE);
        JsonNode s = server.run(lab.id());
        int zeros = 0;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i <= 3; i++) {
                Element cell = lab.doc().selectFirst("td[data-weight=" + k + "," + i + "]");
                boolean zero = i < 3 && s.at("/weights/" + k + "/" + i).doubleValue() == 0.0;
                zeros += zero ? 1 : 0;
                assertEquals(zero, cell.hasClass("zero"), "cell " + k + "," + i);
                assertEquals(zero, cell.selectFirst(".z") != null, "visible mark of " + k + "," + i);
                String spoken = cell.selectFirst(".sr-only").text();
                assertEquals(zero, spoken.contains("exactly zero"), spoken);
                if (zero) {
                    assertEquals("exactly", cell.selectFirst(".z").text());
                    assertEquals("0", cell.selectFirst(".w").text());
                }
            }
        }
        assertTrue(zeros >= 1, "λ₁ holds some weights at 0: " + s.get("weights"));
        assertTrue(lab.doc().selectFirst("#gradients .hint").text().contains("shrunk towards 0 by ηλ₁"));
        assertTrue(lab.doc().selectFirst("td .u").text().startsWith("Δ "));
    }

    @Test
    void weights_json_carries_the_hyperparameters_in_force_with_l1() {
        Lab lab = server.open(SPARSE);
        JsonNode file = TestServer.json(server.get("/lab/export/weights.json?" + lab.runQuery()).body());
        assertEquals(L1, file.get("l1").doubleValue(), 0.0);
        assertEquals(ETA, file.get("learningRate").doubleValue(), 0.0);
        assertEquals(0.0, file.get("l2").doubleValue(), 0.0);
        assertTrue(file.get("classNames").isNull());
        assertEquals(server.run(lab.id()).get("weights"), file.get("weights"));
    }

    @Test
    void without_l1_nothing_is_marked_even_where_every_weight_starts_at_zero() {
        Lab lab = server.open("dataset=blobs&classes=3&step=0");
        assertTrue(lab.doc().select("td.zero, td .z").isEmpty());
        assertTrue(lab.doc().selectFirst("#gradients .hint").text().contains("the update −ηg"));
        assertTrue(lab.doc().selectFirst("td .u").text().startsWith("−ηg "));
    }

    @Test
    void with_l1_the_update_column_shows_the_next_step_s_real_change_which_the_next_step_then_makes() {
        Lab lab = server.open(SPARSE);
        ProximalUpdate[][] next = new ProximalUpdate[3][4];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i <= 3; i++) {
                next[k][i] = nextStep(lab, k, i, 3);
            }
        }
        Document after = Jsoup.parse(server.htmxPost("/lab/step", lab.form()).body());
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i <= 3; i++) {
                ProximalUpdate u = next[k][i];
                String update = lab.doc().selectFirst("td[data-weight=" + k + "," + i + "] .u").text();
                assertEquals("Δ " + Numbers.signed(u.next() - u.weight(), 3), update, "cell " + k + "," + i);
                String moved = after.selectFirst("td[data-weight=" + k + "," + i + "] .m").text();
                assertEquals(update.substring(2), moved.substring(moved.indexOf(' ') + 1),
                        "the step moved " + k + "," + i + " as announced");
            }
        }
    }

    @Test
    void the_weight_inspector_writes_the_l1_step_with_the_numbers_of_weight_analysis_next_step() {
        Lab lab = server.open(SPARSE);
        JsonNode s = server.run(lab.id());
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                Document doc = inspect(lab, "w:" + k + "," + i);
                ProximalUpdate u = nextStep(lab, k, i, 3);
                assertEquals(u.unshrunk(), value(doc, "inspector-unshrunk"), 0.0);
                assertEquals(u.threshold(), value(doc, "inspector-threshold"), 0.0);
                assertEquals(ETA * L1, u.threshold(), 0.0);
                assertEquals(u.next(), value(doc, "inspector-next"), 0.0);
                List<String> tex = doc.select("#inspector .eq .tex").eachAttr("data-tex");
                String shown = String.join("\n", tex);
                assertTrue(tex.get(0).contains("\\lambda_1\\lVert W\\rVert_1"), "J with its L1 term: " + tex.get(0));
                assertTrue(tex.get(0).contains("_{J_{\\text{smooth}}}"), tex.get(0));
                assertTrue(shown.contains("\\frac{\\partial J_{\\text{smooth}}}{\\partial w_{" + (k + 1) + ","
                        + (i + 1) + "}}"), shown);
                assertTrue(shown.contains("= " + Tex.num(u.unshrunk()) + "\\end{aligned}"), "v: " + shown);
                assertTrue(shown.contains("S(v, \\eta\\lambda_1) = \\operatorname{sign}(v)\\,\\max(|v| - "
                        + "\\eta\\lambda_1, 0)"), shown);
                assertTrue(shown.contains("\\max(" + Tex.num(Math.abs(u.unshrunk())) + " - "
                        + Tex.num(u.threshold()) + ", 0)"), shown);
                assertTrue(shown.endsWith("= " + Tex.num(u.next()) + "\\end{aligned}"), shown);
                List<String> tags = doc.select("#inspector .eq .tag").eachText();
                assertEquals(List.of("(5.48)"), tags.stream().filter(t -> !t.isEmpty()).toList(),
                        "J's L1 term is LogitLab's: no textbook number for it");
                assertTrue(doc.selectFirst("[data-testid=inspector-l1-note]").text().contains("LogitLab's addition"));
                assertEquals(s.at("/weights/" + k + "/" + i).doubleValue() == 0.0, u.weight() == 0.0);
            }
        }
    }

    @Test
    void a_bias_takes_the_smooth_step_only_and_the_inspector_says_why() {
        Lab lab = server.open(SPARSE);
        Document doc = inspect(lab, "w:1,3");
        ProximalUpdate u = nextStep(lab, 1, 3, 3);
        assertEquals(0.0, value(doc, "inspector-threshold"), 0.0);
        assertEquals(u.unshrunk(), value(doc, "inspector-next"), 0.0);
        String shown = String.join("\n", doc.select("#inspector .eq .tex").eachAttr("data-tex"));
        assertFalse(shown.contains("S(v"), "no shrinkage for a bias");
        assertTrue(doc.selectFirst("[data-testid=inspector-l1-note]").text().contains("does not penalize biases"));
        JsonNode after = TestServer.ok(server.postJson("/api/runs/" + lab.id() + "/step", "{}"));
        assertEquals(value(doc, "inspector-next"), after.at("/biases/1").doubleValue(), 0.0,
                "the next step lands where the inspector said, bit for bit");
    }

    @Test
    void without_l1_the_weight_inspector_keeps_the_textbook_lines_only() {
        Lab lab = server.open("dataset=blobs&classes=3&l2=0.01&step=3");
        Document doc = inspect(lab, "w:0,0");
        assertTrue(doc.select("[data-testid=inspector-unshrunk], [data-testid=inspector-l1-note]").isEmpty());
        String shown = String.join("\n", doc.select("#inspector .eq .tex").eachAttr("data-tex"));
        assertFalse(shown.contains("lambda_1") || shown.contains("smooth"), shown);
    }
}
