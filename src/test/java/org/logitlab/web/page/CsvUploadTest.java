package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

/**
 * The page's CSV form ({@code POST /lab/csv}): a file's text becomes a new run with K from its labels and their
 * names in the legend, a note on the standardization applied, and a permalink that keeps both; a bad file is said
 * beside the file control, naming its line, and the page keeps its run.
 */
class CsvUploadTest extends ServerTest {
    static final String CANVAS = "dataset=custom&classes=2&points=";
    private static String iris;

    @BeforeAll
    static void readIris() throws IOException {
        try (InputStream in = CsvUploadTest.class.getResourceAsStream("/reference/iris_petals.csv")) {
            iris = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Posts the CSV form as the page's script does, with name/value pairs of the form's other fields. */
    private static Response upload(Lab lab, String csv, String... fields) {
        Map<String, String> form = lab.form(fields);
        form.put("csv", csv);
        return server.htmxPost("/lab/csv", form);
    }

    /** The lab swapped in by an accepted upload, checked to be a new run whose permalink the address bar gets. */
    private static Lab accepted(Response r) {
        assertEquals(200, r.status(), r::body);
        Lab lab = Lab.of(r.body());
        assertEquals(r.header("HX-Replace-Url"), "/?" + lab.state());
        assertFalse(lab.id().isEmpty());
        return lab;
    }

    private static List<String> legend(Document doc) {
        return doc.select("figcaption.legend .key").stream().filter(k -> k.selectFirst("svg") != null)
                .map(Element::text).toList();
    }

    @Test
    void iris_from_the_empty_canvas_is_a_three_class_run_with_the_species_in_the_legend_and_the_scaling_noted() {
        Lab lab = accepted(upload(server.open(CANVAS), iris));
        assertEquals(List.of("setosa", "versicolor", "virginica"), legend(lab.doc()));
        assertEquals("3", lab.doc().selectFirst("#classes option[selected]").val());
        assertEquals("softmax", lab.doc().selectFirst("#parameterization option[selected]").val());
        assertEquals(150, lab.doc().select("#plot-points use.pt").size());
        String note = lab.doc().selectFirst("[data-testid=standardized]").text();
        assertTrue(note.contains("x₁ = (petal_length − 3.758) / 1.7594") && note.contains("x₂ = (petal_width − "
                + "1.19933) / 0.759693"), note);
        assertTrue(lab.state().contains("&names=setosa,versicolor,virginica&"), lab.state());
        assertTrue(lab.state().contains("&standardized=petal_length:3.758"), lab.state());
        assertEquals("setosa,versicolor,virginica", lab.doc().selectFirst("#controls input[name=names]").val());
        JsonNode s = server.run(lab.id());
        assertEquals("[\"setosa\",\"versicolor\",\"virginica\"]", s.get("classNames").toString());
        JsonNode exported = TestServer.json(server.get("/lab/export/weights.json?"
                + lab.runQuery()).body());
        assertEquals(s.get("classNames"), exported.get("classNames"), "weights.json names the rows' classes");

        // The permalink reproduces the page: names, note and points.
        Lab again = server.open(lab.state());
        assertEquals(legend(lab.doc()), legend(again.doc()));
        assertEquals(note, again.doc().selectFirst("[data-testid=standardized]").text());
        assertEquals(server.api("/api/runs/" + lab.id() + "/dataset"), server.api("/api/runs/" + again.id()
                + "/dataset"));
    }

    @Test
    void an_upload_over_a_live_run_keeps_its_model_and_hyperparameters_and_takes_k_from_the_labels() {
        Lab lab = server.open("dataset=blobs&classes=4&features=x1,x2,x1%5E2&learningRate=0.3&l2=0.01&l1=0.02"
                + "&optimizer=minibatch&batchSize=5&step=7");
        Lab csv = accepted(upload(lab, "a;b;kind\n1;2;cat\n-1;-2;dog\n2;1;cat\n-2;-1;dog\n"));
        JsonNode s = server.run(csv.id());
        assertNotEquals(lab.id(), csv.id());
        assertEquals(2, s.get("classes").asInt());
        assertEquals(List.of("cat", "dog"), legend(csv.doc()));
        assertEquals("[\"x1\",\"x2\",\"x1^2\"]", s.get("features").toString());
        assertEquals(0.3, s.get("learningRate").doubleValue(), 0.0);
        assertEquals(0.01, s.get("l2").doubleValue(), 0.0);
        assertEquals(0.02, s.get("l1").doubleValue(), 0.0);
        assertEquals(0, s.get("step").asInt(), "new data start at step 0");
        assertTrue(csv.state().contains("optimizer=minibatch&batchSize=5"), csv.state());
        assertNull(csv.doc().selectFirst("[data-testid=standardized]"), "these points fit the plot as they are");
    }

    @Test
    void the_columns_chosen_and_the_standardize_box_are_applied() {
        String csv = "id,label,x,y\n1,p,1,2\n2,q,3,1\n3,p,2,2\n4,q,1,3\n";
        Lab lab = accepted(upload(server.open(CANVAS), csv, "x1Column", "4", "x2Column", "3", "labelColumn", "2",
                "standardize", "1"));
        JsonNode s = server.run(lab.id());
        assertEquals("y", s.at("/standardization/x1/column").asText());
        assertEquals("x", s.at("/standardization/x2/column").asText());
        assertEquals(2.0, s.at("/standardization/x1/mean").doubleValue(), 0.0);
        assertEquals(List.of("p", "q"), legend(lab.doc()));
        Lab automatic = accepted(upload(server.open(CANVAS), csv, "x1Column", "", "x2Column", "", "labelColumn", ""));
        assertEquals("[\"p\",\"q\"]", server.run(automatic.id()).get("classNames").toString());
        assertTrue(server.run(automatic.id()).get("standardization").isNull());
    }

    @Test
    void a_bad_file_is_said_beside_the_file_control_naming_its_line_and_the_page_keeps_its_run() {
        Lab lab = server.open("dataset=blobs&classes=3&step=5");
        JsonNode before = server.run(lab.id());
        Response r = upload(lab, "x,y,c\n1,2,a\n3,4,b\n5,abc,a\n6,7,b\n");
        assertEquals(400, r.status());
        assertEquals("none", r.header("HX-Reswap"), "nothing but the messages is swapped");
        Document doc = Jsoup.parse(r.body());
        assertNull(doc.getElementById("lab"));
        String beside = doc.selectFirst("#csv-error[hx-swap-oob] .field-error").text();
        assertEquals("CSV file: line 4: \"abc\" in column 2 (\"y\") is not a number", beside);
        assertEquals("csv", doc.getElementById("message").attr("data-field"));
        assertEquals(before, server.run(lab.id()), "the page's run is as it was");

        Response zh = server.htmxPost("/lab/csv", Map.of("run", lab.id(), "state", lab.state(), "csv",
                "1,2,a\n3,4\n"), "Cookie", "lang=zh");
        String chinese = Jsoup.parse(zh.body()).selectFirst("#csv-error .field-error").text();
        assertTrue(chinese.startsWith("CSV 文件：第 2 行："), chinese);

        Response column = upload(lab, "1,2,a\n3,4,b\n", "x1Column", "first");
        assertEquals(400, column.status());
        assertTrue(Jsoup.parse(column.body()).selectFirst("#csv-error .field-error").text().startsWith("x1Column: "));
    }

    @Test
    void the_file_control_is_in_the_custom_data_block_and_its_form_posts_urlencoded_text() {
        Document doc = server.open(CANVAS).doc();
        Element file = doc.selectFirst("#controls [data-testid=csv-upload]");
        assertNotNull(file, "the file control sits in the controls' custom block");
        assertEquals("file", file.attr("type"));
        assertEquals(".csv,text/csv,text/plain", file.attr("accept"));
        assertEquals("csv-form", file.attr("form"));
        Element form = doc.getElementById("csv-form");
        assertEquals("/lab/csv", form.attr("hx-post"));
        assertEquals("", form.attr("enctype"), "urlencoded: the server refuses multipart bodies");
        assertEquals("csv-form", doc.selectFirst("textarea[name=csv]").attr("form"));
        assertNotNull(doc.getElementById("csv-error"), "the slot a refusal is swapped into");
        assertNull(server.open("dataset=blobs").doc().selectFirst("[data-testid=csv-upload]"),
                "only custom data take a file");
    }

    @Test
    void without_htmx_an_upload_redirects_to_the_permalink_of_the_new_run() {
        Lab lab = server.open(CANVAS);
        Map<String, String> form = lab.form();
        form.put("csv", "x,y,label\n1,1,yes\n-1,-1,no\n");
        Response r = server.postForm("/lab/csv", form);
        assertEquals(303, r.status(), r::body);
        String location = r.header("Location");
        assertTrue(location.contains("names=yes,no"), location);
        assertEquals(List.of("yes", "no"), legend(server.open(location.substring(2)).doc()));
    }

    @Test
    void adding_a_point_or_changing_the_model_keeps_the_names_and_the_scaling_and_leaving_custom_drops_them() {
        Lab lab = accepted(upload(server.open(CANVAS), "a,b,c\n10,0,p\n20,1,q\n30,2,p\n40,3,q\n"));
        Response added = server.htmxPost("/lab/points/add", lab.form("x1", "0.5", "x2", "0.5", "label", "1"));
        String url = added.header("HX-Replace-Url");
        assertTrue(url.contains("names=p,q") && url.contains("standardized=a:25.0:"), url);

        // The controls form sends the names and the scaling back with any change of model.
        Element controls = lab.doc().getElementById("controls");
        String standardized = controls.selectFirst("input[name=standardized]").val();
        Lab model = Lab.of(server.htmxGet("/?" + lab.state().replace("features=x1,x2", "features=x1,x2,x1*x2")
                + "&run=" + lab.id()).body());
        assertEquals(List.of("p", "q"), legend(model.doc()));
        assertEquals(standardized, model.doc().selectFirst("input[name=standardized]").val());

        Lab left = Lab.of(server.htmxGet("/?" + lab.state().replace("dataset=custom", "dataset=blobs")).body());
        assertEquals(List.of("class 1", "class 2"), legend(left.doc()));
        assertFalse(left.state().contains("names=") || left.state().contains("standardized="), left.state());

        Response cleared = server.htmxPost("/lab/points/clear", lab.form());
        assertFalse(cleared.header("HX-Replace-Url").contains("names="), "a fresh canvas has no names");
    }
}
