package org.logitlab.web.page;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportTest extends ServerTest {
    static final String SVG = "http://www.w3.org/2000/svg";

    private static Response download(Lab lab, String file) {
        Response r = server.get("/lab/export/" + file + "?" + lab.runQuery());
        assertEquals(200, r.status(), r::body);
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("filename=\"" + file + "\""));
        return r;
    }

    @Test
    void the_page_links_to_the_three_downloads_of_its_run() {
        Lab lab = server.open("dataset=blobs&classes=3&step=2");
        for (String file : List.of("weights.json", "history.csv", "plot.svg")) {
            String href = lab.doc().selectFirst("a.export[download=" + file + "]").attr("href");
            assertTrue(href.startsWith("/lab/export/" + file + "?run=" + lab.id() + "&state="), href);
            assertEquals(200, server.get(href).status(), href);
        }
    }

    @Test
    void weights_json_holds_the_api_weights_and_biases() {
        Lab lab = server.open("dataset=blobs&classes=3&step=7&init=random");
        JsonNode exported = TestServer.json(download(lab, "weights.json").body());
        JsonNode api = server.api("/api/runs/" + lab.id());
        assertEquals(api.get("weights"), exported.get("weights"));
        assertEquals(api.get("biases"), exported.get("biases"));
        assertEquals(7, exported.get("step").asLong());
        assertEquals(api.get("permalink"), exported.get("permalink"));
    }

    @Test
    void history_csv_has_a_header_and_one_row_per_step_from_zero() {
        Lab lab = server.open("dataset=moons&classes=2&step=9&testFraction=0.3");
        List<String> lines = download(lab, "history.csv").body().lines().toList();
        assertEquals("step,train_loss,test_loss,objective,train_accuracy,test_accuracy,gradient_norm", lines.get(0));
        assertEquals(9 + 1, lines.size() - 1);
        JsonNode history = server.api("/api/runs/" + lab.id() + "/history").get("steps");
        for (int t = 0; t <= 9; t++) {
            String[] cells = lines.get(t + 1).split(",", -1);
            assertEquals(7, cells.length, lines.get(t + 1));
            assertEquals(t, Integer.parseInt(cells[0]));
            assertEquals(history.get(t).get("loss").get("train").asDouble(), Double.parseDouble(cells[1]), 0.0);
            assertEquals(history.get(t).get("loss").get("test").asDouble(), Double.parseDouble(cells[2]), 0.0);
        }
    }

    @Test
    void plot_svg_is_well_formed_xml_with_the_confidence_image_and_the_boundary() throws Exception {
        Lab lab = server.open("dataset=blobs&classes=3&step=20");
        Response r = download(lab, "plot.svg");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document svg = builder.parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals(SVG, svg.getDocumentElement().getNamespaceURI());

        NodeList images = svg.getElementsByTagNameNS(SVG, "image");
        assertTrue(images.getLength() >= 1, "no <image>");
        assertTrue(((Element) images.item(0)).getAttribute("href").startsWith("data:image/png;base64,"));

        NodeList paths = svg.getElementsByTagNameNS(SVG, "path");
        String boundary = null;
        for (int j = 0; j < paths.getLength(); j++) {
            Element p = (Element) paths.item(j);
            if ("boundary".equals(p.getAttribute("class"))) {
                boundary = p.getAttribute("d");
            }
        }
        assertTrue(boundary != null && boundary.startsWith("M"), "boundary path: " + boundary);
        assertEquals(boundary, Jsoup.parse(server.get("/?" + lab.state()).body())
                .selectFirst("#plot-under path.boundary").attr("d"), "the export draws the page's boundary");
        assertFalse(r.body().contains("hx-swap-oob"));
        assertEquals(200, svg.getElementsByTagNameNS(SVG, "use").getLength());
    }
}
