package org.logitlab.web.page;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.Settings;
import org.logitlab.web.run.WorkLimiter;
import org.logitlab.web.TestServer;
import org.logitlab.web.TestServer.Lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.logitlab.web.page.RefusalLanguageTest.EN;
import static org.logitlab.web.page.RefusalLanguageTest.ZH;
import static org.logitlab.web.page.RefusalLanguageTest.apiError;
import static org.logitlab.web.page.RefusalLanguageTest.said;

/** The limits' refusals (429 too many new runs, 503 busy) read in the page's language; the API's stay English. */
class LimitLanguageTest {
    @TempDir
    Path dataDir;

    @Test
    void too_many_new_runs_in_a_minute() {
        try (TestServer server = TestServer.start(Settings.forTests(dataDir).withRunsPerMinute(1))) {
            server.open("");
            assertEquals("请求正文：同一地址每分钟最多新建 1 次训练；请等一分钟，或继续操作已有的训练",
                    said(server.get("/?dataset=moons", "Accept", "text/html", ZH[0], ZH[1]), 429));
            assertEquals("Request body: at most 1 new runs per minute from one address; wait a minute or keep stepping the "
                    + "runs you have", said(server.get("/?dataset=moons", "Accept", "text/html", EN[0], EN[1]), 429));
            assertEquals("body: at most 1 new runs per minute from one address; wait a minute or keep stepping the "
                    + "runs you have", apiError(server.postJson("/api/runs", "{}", ZH), 429));
        }
    }

    @Test
    void a_server_with_no_room_for_long_computations_is_busy() {
        Settings noRoom = Settings.forTests(dataDir).withWork(new WorkLimiter.Limits(4, 0));
        try (TestServer server = TestServer.start(noRoom)) {
            Lab lab = server.open("");
            // Replaying to step 90 000 of 200 points is far more than light work: it waits for the heavy pool.
            assertEquals("请求：服务器正忙于长时间计算；请几秒后再试",
                    said(server.htmxPost("/lab/seek", lab.form("to", "90000"), ZH), 503));
            assertEquals("Request: the server is busy with long computations; try again in a few seconds",
                    said(server.htmxPost("/lab/seek", lab.form("to", "90000"), EN), 503));
            assertEquals("request: the server is busy with long computations; try again in a few seconds",
                    apiError(server.postJson("/api/runs/" + lab.id() + "/seek", "{\"step\":90000}", ZH), 503));
        }
    }
}
