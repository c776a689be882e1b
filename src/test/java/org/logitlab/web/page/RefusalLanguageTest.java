package org.logitlab.web.page;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.logitlab.core.Feature;
import org.logitlab.core.StepBudget;
import org.logitlab.web.LogitLabApp;
import org.logitlab.web.ServerTest;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;
import org.logitlab.web.TestServer.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of refusal a person sees beside the controls reads in the page's language, with its numbers and the
 * field it names; the JSON API says the same in English whatever the request's language.
 */
class RefusalLanguageTest extends ServerTest {
    static final String[] ZH = {"Accept-Language", "zh-CN,zh;q=0.9"};
    static final String[] EN = {"Accept-Language", "en-GB"};

    /** The text beside the controls, after the page's "Not applied —", both in one language. */
    static String said(Response r, int status) {
        assertEquals(status, r.status(), r::body);
        return said(r.body());
    }

    static String said(String html) {
        Element message = Jsoup.parse(html).getElementById("message");
        assertNotNull(message, html);
        String text = message.text();
        boolean chinese = text.startsWith("未能应用 — ");
        assertTrue(chinese || text.startsWith("Not applied — "), text);
        String said = text.substring(text.indexOf(" — ") + 3);
        boolean han = said.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        assertEquals(chinese, han, () -> "the prefix and the message in one language: " + text);
        return said;
    }

    /** The JSON API's error, which must be English. */
    static String apiError(Response r, int status) {
        assertEquals(status, r.status(), r::body);
        return r.json().get("error").asText();
    }

    /** A page as a browser asks for it. */
    private static Response page(String query, String... language) {
        return server.get("/?" + query, "Accept", "text/html", language[0], language[1]);
    }

    @Test
    void a_number_out_of_range() {
        assertEquals("样本数 n：必须是 1 到 5000 之间的整数；收到的是 20000", said(page("n=20000", ZH), 400));
        assertEquals("Points n: must be an integer from 1 to 5000; got 20000", said(page("n=20000", EN), 400));
        assertEquals("数据种子：必须是 0 到 9007199254740991 之间的整数；收到的是 -1",
                said(page("dataSeed=-1&lang=zh", EN), 400));
        assertEquals("dataset.n: must be an integer from 1 to 5000; got 20000",
                apiError(server.postJson("/api/runs", "{\"dataset\":{\"n\":20000}}", ZH), 400));

        Lab lab = server.open("");
        assertEquals("学习率 η：必须是 (0, 100] 范围内的数；收到的是 1000",
                said(server.htmxPost("/lab/tune", lab.form("learningRate", "1000"), ZH), 400));
        assertEquals("L2 strength λ: must be a number in [0, 10]; got 11",
                said(server.htmxPost("/lab/tune", lab.form("l2", "11"), EN), 400));
        assertEquals("learningRate: must be a number in (0, 100]; got 1000", apiError(server.postJson(
                "/api/runs/" + lab.id() + "/hyperparameters", "{\"learningRate\":1000}", ZH), 400));
        assertEquals("测试集比例：必须是 [0, 0.9] 范围内的数；收到的是 0.95", said(page("testFraction=0.95", ZH), 400));
        assertEquals("批大小：必须是 1 到 5000 之间的有限数", said(page("batchSize=many", ZH), 400));
    }

    @Test
    void features_none_unknown_or_twice() {
        assertEquals("特征 φ(x)：未知特征 \"x9\"；可用的特征：" + Feature.allowedKeys(),
                said(page("features=x1,x9", ZH), 400));
        assertEquals("特征 φ(x)：\"x1\" 被列出了两次", said(page("features=x1,x1", ZH), 400));
        assertEquals("Features φ(x): \"x1\" is listed twice", said(page("features=x1,x1", EN), 400));
        assertEquals("features: must be a non-empty list drawn from: " + Feature.allowedKeys(),
                apiError(server.postJson("/api/runs", "{\"features\":[]}", ZH), 400));
    }

    @Test
    void classes_the_dataset_cannot_have() {
        assertEquals("类别数 K：moons 数据集只有 2 个类别", said(page("dataset=moons&classes=3", ZH), 400));
        assertEquals("Classes K: the moons dataset has exactly 2 classes", said(page("dataset=moons&classes=3", EN), 400));
        assertEquals("classes: the moons dataset has exactly 2 classes", apiError(server.postJson("/api/runs",
                "{\"dataset\":{\"name\":\"moons\"},\"classes\":3}", ZH), 400));
        assertEquals("输出：sigmoid 要求 classes = 2；3 个类别请使用 \"softmax\"",
                said(page("classes=3&parameterization=sigmoid", ZH), 400));
    }

    @Test
    void custom_points_with_a_bad_label_or_coordinate() {
        assertEquals("数据点：标签必须是 0 到 1 之间的整数",
                said(page("dataset=custom&points=1,1,5", ZH), 400));
        assertEquals("Points: label must be an integer from 0 to 1",
                said(page("dataset=custom&points=1,1,5", EN), 400));
        assertEquals("数据点：必须是 [-6, 6] 范围内的数；收到的是 9", said(page("dataset=custom&points=9,1,0", ZH), 400));
        assertEquals("dataset.points[0]: must be a number in [-6, 6]; got 9", apiError(server.postJson("/api/runs",
                "{\"dataset\":{\"name\":\"custom\",\"points\":[[9,1,0]]}}", ZH), 400));

        Lab lab = server.open("dataset=custom&points=1,1,0;2,2,1");
        Map<String, String> point = lab.form("x1", "0.5", "x2", "0.5", "label", "5");
        assertEquals("类别：必须是 0 到 1 之间的整数", said(server.htmxPost("/lab/points/add", point, ZH), 400));
        assertEquals("Class: must be an integer from 0 to 1", said(server.htmxPost("/lab/points/add", point, EN), 400));
    }

    @Test
    void a_saved_point_set_that_is_missing_or_damaged() throws Exception {
        String missing = "dataset=custom&points=@" + "0".repeat(64);
        assertEquals("数据点：没有以此 id 保存的点集（存储满时会删除不用的点集）", said(page(missing, ZH), 400));
        assertEquals("Points: no saved point set has this id (unused sets are removed when the store is full)",
                said(page(missing, EN), 400));

        String id = "a".repeat(64);
        Files.createDirectories(dataDir.resolve("points"));
        Files.writeString(dataDir.resolve("points").resolve(id + ".txt"), "1,2;3,4,0");
        // A file under a name that is not its content's SHA-256 has been changed since it was saved: damaged.
        assertEquals("数据点：已保存的点集 @aaaaaaaaaaaa… 已损坏（它的 9 个字节与其 SHA-256 不再相符），无法重建它所描述的运行；"
                + "它的永久链接已失效", said(page("dataset=custom&points=@" + id, ZH), 400));
        assertEquals("Points: the saved point set @aaaaaaaaaaaa… is damaged (its 9 bytes no longer match its SHA-256), "
                + "so the run it describes cannot be rebuilt; its permalink no longer works",
                said(page("dataset=custom&points=@" + id, EN), 400));
    }

    @Test
    void a_step_past_the_runs_last_step_explains_its_work_numbers() {
        String features = String.join(",", "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)");
        Lab lab = server.open("n=5000&classes=8&" + TestServer.query("features", features));
        long perStep = 5000L * 10 * 17;
        long last = StepBudget.MAX_WORK / perStep;
        assertEquals("时间轴：对这次训练来说最多为 " + last + "（它的点数、类别数和特征使每一步花费 " + perStep
                + " 个单位，而一次训练最多只能花费 " + StepBudget.MAX_WORK + " 个单位，以便它的永久链接能在几秒内重放；"
                + "减少点数、类别或特征就能走得更远）",
                said(server.htmxPost("/lab/seek", lab.form("to", "5000"), ZH), 400));
        String english = " must be at most " + last + " for this run (its points, classes and features cost " + perStep
                + " units a step, and a run may cost at most " + StepBudget.MAX_WORK + ", so that its permalink "
                + "replays in seconds; fewer points, classes or features go further)";
        assertEquals("Timeline:" + english, said(server.htmxPost("/lab/seek", lab.form("to", "5000"), EN), 400));
        assertEquals("step:" + english, apiError(server.postJson("/api/runs/" + lab.id() + "/seek",
                "{\"step\":5000}", ZH), 400));
    }

    @Test
    void a_diverged_run() {
        JsonNode created = server.createRun("{\"dataset\":{\"name\":\"xor\"},\"features\":[\"x1\",\"x2\",\"x1^2\","
                + "\"x2^2\",\"x1*x2\"],\"learningRate\":100,\"l2\":10,\"step\":200}");
        assertEquals("diverged", created.get("status").asText());
        long step = created.get("step").asLong();
        Lab lab = new Lab(created.get("id").asText(), created.get("permalink").asText().substring(2), null);
        // The page's step (play's next request, a second click) shows where the run stopped, without a refusal;
        // the transport says it diverged, in the page's language.
        Response page = server.htmxPost("/lab/step", lab.form(), ZH);
        assertEquals(200, page.status(), page::body);
        Element transport = Jsoup.parse(page.body()).getElementById("transport");
        assertEquals("diverged", transport.attr("data-status"));
        assertEquals(String.valueOf(step), transport.attr("data-step"));
        assertTrue(transport.selectFirst(".status").text().startsWith("已发散"), transport.text());
        String english = "step: the run diverged at step " + step + ": the learning rate is too large for this data; "
                + "lower it, step back or reset";
        assertEquals(english, apiError(server.postJson("/api/runs/" + lab.id() + "/step", "{}", ZH), 409));
    }

    @Test
    void the_inspectors_bad_token_or_weight_or_example() {
        Lab lab = server.open("");
        String query = "/lab/inspect?" + lab.runQuery() + "&inspect=";
        assertEquals("检查器：权重 (9, 9) 不存在：k 的范围是 0..0，i 的范围是 0..2（最后一个是偏置）",
                said(server.htmxGet(query + "w:9,9", ZH), 400));
        assertEquals("Inspector: weight (9, 9) does not exist: k is 0..0, i is 0..2 (the last is the bias)",
                said(server.htmxGet(query + "w:9,9", EN), 400));
        assertEquals("检查器：样本 999 不存在：范围是 0..199",
                said(server.htmxGet(query + "x:999", "Cookie", "lang=zh"), 400));
        assertEquals("检查器：必须是 w:k,i（一个权重）或 x:index（一个样本）", said(server.htmxGet(query + "zz", ZH), 400));
    }

    @Test
    void a_page_that_lost_its_run_or_sent_no_target() {
        Map<String, String> lost = Map.of("run", "gone", "state", "");
        assertEquals("本页的训练：此页面的训练已经丢失；请重新加载页面", said(server.htmxPost("/lab/step", lost, ZH), 400));
        assertEquals("The page's run: this page has lost its run; reload the page",
                said(server.htmxPost("/lab/step", lost, EN), 400));
        Lab lab = server.open("");
        assertEquals("时间轴：必须提供", said(server.htmxPost("/lab/seek", lab.form(), ZH), 400));
        assertEquals("Timeline: is required", said(server.htmxPost("/lab/seek", lab.form(), EN), 400));
    }

    @Test
    void the_play_stream_says_its_refusals_in_the_language_it_is_asked_in() throws Exception {
        assertEquals("bogus：未知字段；可用的字段：count, discretize, hide, inspect, landscape, lang, later, run, state",
                said(stream("{\"lang\":\"zh\",\"bogus\":1}")));
        assertEquals("本页的训练：此页面的训练已经丢失；请重新加载页面", said(stream("{\"lang\":\"zh\",\"run\":\"gone\"}")));
        assertEquals("每次更新的步数：必须是 1 到 10000 之间的整数；收到的是 0",
                said(stream("{\"lang\":\"zh\",\"run\":\"gone\",\"count\":\"0\"}")));
        assertEquals("The page's run: this page has lost its run; reload the page",
                said(stream("{\"lang\":\"en\",\"run\":\"gone\"}")));
    }

    /** The one answer of {@code /lab/stream} to {@code message}. */
    private static String stream(String message) {
        return server.streamOnce("/lab/stream", message);
    }

    @Test
    void too_many_learning_rate_changes_in_a_permalink() {
        StringBuilder schedule = new StringBuilder();
        for (int from = 1; from <= 100; from++) {
            schedule.append(from == 1 ? "" : ";").append(from).append(":0.1:0");
        }
        String query = "schedule=" + schedule;
        assertEquals("学习率 η：一次训练最多保留 100 次学习率/λ 的更改；请重置或开始新的训练", said(page(query, ZH), 400));
        assertEquals("Learning rate η: a run keeps at most 100 learning-rate/λ changes; reset or start a new run",
                said(page(query, EN), 400));
    }

    @Test
    void the_404_page_and_the_servers_own_refusals() {
        assertEquals("请求：没有这个页面或路由：GET /nope", said(server.get("/nope", "Accept", "text/html", ZH[0],
                ZH[1]), 404));
        assertEquals("Request: Endpoint GET /nope not found", said(server.get("/nope", "Accept", "text/html"), 404));
        assertEquals("request: Endpoint GET /api/nope not found", apiError(server.get("/api/nope", ZH), 404));

        String form = "count=1&pad=" + "a".repeat((int) LogitLabApp.MAX_BODY_BYTES);
        assertEquals("请求正文：请求体超过了 1 MB", said(server.post("/lab/step", form, "Content-Type",
                "application/x-www-form-urlencoded", "HX-Request", "true", ZH[0], ZH[1]), 413));
        assertEquals("Content-Type：指定了本服务器不能读取的字符集；请用 UTF-8 发送", said(server.post("/lab/step", "count=1",
                "Content-Type", "application/x-www-form-urlencoded; charset=foo", "HX-Request", "true", ZH[0], ZH[1]),
                400));
        Response multipart = server.raw("POST", "/lab/step", List.of("Content-Type: multipart/form-data; boundary=xx",
                "HX-Request: true", "Accept-Language: zh-CN"), "garbage".getBytes());
        // Refused from its headers by the server itself, before the app reads it: in the page's language too.
        assertEquals("Content-Type：是服务器不读取的媒体类型；请发送 JSON 或表单", said(multipart, 415));
    }
}
