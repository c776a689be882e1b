package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;

/** The playground's play stream: a step's answer, whole or with the gradient table in a second message. */
class PlayStreamTest extends ServerTest {
    private static String step(TestServer.Lab lab, String later) {
        return "{\"run\":\"" + lab.id() + "\",\"state\":\"" + lab.state() + "\",\"count\":\"1\",\"lang\":\"en\""
                + (later == null ? "" : ",\"later\":\"" + later + "\"") + "}";
    }

    private static int shownStep(Document answer) {
        return Integer.parseInt(answer.getElementById("transport").attr("data-step"));
    }

    @Test
    void a_step_answers_with_one_message_holding_every_step_fragment_and_the_table() {
        TestServer.Lab lab = server.open("dataset=blobs&n=200&classes=3");
        Document answer = Jsoup.parse(server.streamOnce("/lab/stream", step(lab, null)));
        assertEquals(1, shownStep(answer));
        assertEquals("1", answer.getElementById("gradients").attr("data-step"));
    }

    @Test
    void a_step_that_asks_for_the_table_later_gets_the_rest_first_and_then_the_table_alone_marked_later() {
        TestServer.Lab lab = server.open("dataset=blobs&n=200&classes=3");
        List<String> answers = server.stream("/lab/stream", step(lab, "gradients"), 2);

        Document first = Jsoup.parse(answers.get(0));
        assertEquals(1, shownStep(first));
        assertTrue(first.getElementById("plot-under") != null && first.getElementById("metrics") != null);
        assertEquals(null, first.getElementById("gradients"), "the table is not in the first message");
        assertFalse(answers.get(0).startsWith(PlayStream.LATER));

        assertTrue(answers.get(1).startsWith(PlayStream.LATER), answers.get(1));
        Document second = Jsoup.parseBodyFragment(answers.get(1).substring(PlayStream.LATER.length()));
        List<Element> fragments = second.body().children();
        assertEquals(1, fragments.size(), "the second message holds the table only");
        Element table = fragments.get(0);
        assertEquals("gradients", table.id());
        assertEquals("morph", table.attr("hx-swap-oob"));
        assertEquals("1", table.attr("data-step"), "the table of the same step");
    }

    @Test
    void a_stream_message_may_ask_for_nothing_else_later() {
        TestServer.Lab lab = server.open("dataset=blobs&n=200&classes=3");
        Document refused = Jsoup.parse(server.streamOnce("/lab/stream", step(lab, "inspector")));
        assertEquals("Not applied — later: must be one of: gradients", refused.getElementById("message").text());
    }
}
