package org.logitlab.web.page;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageTest extends ServerTest {

    private static Document page(Response r) {
        assertEquals(200, r.status(), r::body);
        return Jsoup.parse(r.body());
    }

    private static boolean hasHan(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @Test
    void the_page_is_english_by_default() {
        Document doc = page(server.get("/"));
        assertEquals("en", doc.selectFirst("html").attr("lang"));
        assertTrue(doc.title().contains("logistic regression"), doc.title());
        assertFalse(hasHan(doc.selectFirst("main").text().replace("简体中文", "")), "no Chinese text in English page");
    }

    @Test
    void a_chinese_accept_language_gets_the_simplified_chinese_page() {
        Document doc = page(server.get("/", "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals("zh-CN", doc.selectFirst("html").attr("lang"));
        assertTrue(doc.title().contains("逻辑回归"), doc.title());
        assertTrue(hasHan(doc.selectFirst("[data-testid=gradient-table]").parent().text()));
        assertFalse(doc.html().contains("??"), "a message key is missing from the Chinese bundle");
    }

    @Test
    void every_message_key_resolves_in_both_languages() {
        for (String lang : List.of("en", "zh")) {
            String body = server.get("/?lang=" + lang + "&dataset=blobs&classes=3&step=2").body();
            assertFalse(body.contains("??"), lang + " page shows an unresolved ??key??");
        }
    }

    @Test
    void the_lang_parameter_overrides_accept_language_and_is_remembered_in_a_cookie() {
        Response r = server.get("/?lang=en", "Accept-Language", "zh-CN");
        Document doc = page(r);
        assertEquals("en", doc.selectFirst("html").attr("lang"));
        assertFalse(doc.title().contains("逻辑回归"));
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("lang="))
                .findFirst().orElseThrow(() -> new AssertionError("no lang cookie: " + r.headers().map()));
        assertTrue(cookie.startsWith("lang=en"), cookie);

        Document later = page(server.get("/", "Accept-Language", "zh-CN", "Cookie", "lang=en"));
        assertEquals("en", later.selectFirst("html").attr("lang"), "the cookie outranks Accept-Language");
    }

    @Test
    void the_lang_cookie_chooses_chinese_for_the_step_fragments_too() {
        Lab lab = server.open("");
        Response r = server.htmxPost("/lab/step", lab.form(), "Cookie", "lang=zh");
        assertEquals(200, r.status(), r::body);
        assertTrue(hasHan(Jsoup.parse(r.body()).getElementById("gradients").text()));
    }

    @Test
    void an_error_for_a_chinese_reader_is_prefixed_in_chinese() {
        Lab lab = server.open("dataset=blobs&classes=2");
        Response r = server.htmxPost("/lab/tune", lab.form("learningRate", "abc"),
                "Accept-Language", "zh-CN");
        assertEquals(400, r.status(), r::body);
        String message = Jsoup.parse(r.body()).getElementById("message").text();
        assertTrue(message.startsWith("未能应用"), message);
        assertTrue(message.contains("学习率 η："), "the field is named as its control: " + message);
    }
}
