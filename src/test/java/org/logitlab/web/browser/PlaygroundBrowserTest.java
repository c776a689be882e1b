package org.logitlab.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The playground in a real headless Chromium: what a teacher or a student does with it. */
class PlaygroundBrowserTest extends BrowserTest {
    @BeforeEach
    void openBrowser() {
        start(1280, 720);
    }

    private WebElement byTestId(String id) {
        return browser.byTestId(id);
    }

    private long stepCount() {
        return browser.stepCount();
    }

    private void waitForStep(long step) {
        browser.waitForStep(step);
    }

    @Test
    void a_student_loads_the_page_steps_and_sees_the_loss_fall_without_console_errors() {
        load("/?dataset=blobs&classes=3&n=150");
        assertEquals(0, stepCount());
        double before = Double.parseDouble(byTestId("train-loss").getAttribute("data-value"));
        byTestId("step").click();
        waitForStep(1);
        byTestId("step").click();
        waitForStep(2);
        double after = Double.parseDouble(byTestId("train-loss").getAttribute("data-value"));
        assertTrue(after < before, "loss fell from " + before + " to " + after);
        // The address bar follows once the step has settled: one history entry replaced, not one per step.
        browser.waiting().until(d -> d.getCurrentUrl().contains("step=2"));
        Number points = (Number) browser.driver.executeScript(
                "return Chart.getChart('loss-chart').data.datasets[0].data.length");
        assertEquals(3, points.intValue(), "the loss chart has steps 0, 1 and 2");
        browser.screenshot("playground-blobs-k3");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void the_loss_landscape_follows_play_and_a_shift_click_puts_a_weight_across() {
        load("/?dataset=blobs&classes=3&n=150");
        browser.driver.findElement(By.id("open-landscape")).click();
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#landscape.open")).isEmpty());
        byTestId("play").click();
        browser.waiting().until(d -> stepCount() >= 12);
        byTestId("play").click();
        String id = (String) browser.script("return document.getElementById('lab').dataset.run");
        browser.waiting().until(d -> stepCount() == server.api("/api/runs/" + id).get("step").asLong());
        // The landscape is drawn at the step the page shows: its J is the run's J there.
        browser.waiting().until(d -> byTestId("landscape-objective").getText().equals(byTestId("objective").getText()));

        WebElement cell = browser.driver.findElement(By.cssSelector("#gradients td[data-weight='1,1'] button"));
        new Actions(browser.driver).keyDown(Keys.SHIFT).click(cell).keyUp(Keys.SHIFT).perform();
        browser.waiting().until(d -> "1,1".equals(new Select(byTestId("landscape-a")).getFirstSelectedOption()
                .getAttribute("value")));
        assertFalse(browser.driver.findElement(By.id("inspector")).getAttribute("class").contains("open"),
                "a shift-click does not open the inspector");
        new Select(byTestId("landscape-b")).selectByValue("2,2");
        browser.waiting().until(d -> d.getCurrentUrl().contains("landscape=1,1;2,2"));
        browser.screenshot("landscape");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void play_runs_until_paused_and_step_back_undoes_one_step() {
        load("/?dataset=moons&n=100");
        byTestId("play").click();
        browser.waiting().until(d -> stepCount() >= 30);
        byTestId("play").click();
        long paused = stepCount();
        // Pausing stops asking at once; the (at most two) answers on their way are still shown, so the page ends
        // at exactly the step the server has.
        String id = (String) browser.script("return document.getElementById('lab').dataset.run");
        browser.waiting().until(d -> stepCount() == server.api("/api/runs/" + id).get("step").asLong());
        long later = stepCount();
        assertTrue(later <= paused + 2, "play stops after the requests in flight: " + paused + " → " + later);
        Number charted = (Number) browser.script("return Chart.getChart('loss-chart').data.datasets[0].data.length");
        assertEquals(later + 1, charted.longValue(), "every step played is in the loss chart");
        assertTableShowsTheServersGradient(id);
        byTestId("back").click();
        waitForStep(later - 1);
        assertEquals(List.of(), browser.consoleErrors());
    }

    /**
     * While playing, the gradient table follows at most every 100 ms; once play has stopped (paused, or by itself
     * on the step's own answer), it shows the step the server has, to the last bit.
     */
    private void assertTableShowsTheServersGradient(String id) {
        JsonNode run = server.api("/api/runs/" + id);
        JsonNode gradient = run.get("gradient");
        int dimension = run.get("features").size();
        List<WebElement> cells = browser.driver.findElements(By.cssSelector("#gradients td[data-weight]"));
        assertEquals(run.get("weights").size() * (dimension + 1), cells.size());
        for (WebElement cell : cells) {
            String[] key = cell.getAttribute("data-weight").split(",");
            int k = Integer.parseInt(key[0]);
            int i = Integer.parseInt(key[1]);
            double expected = i == dimension ? gradient.get("biases").get(k).asDouble()
                    : gradient.get("weights").get(k).get(i).asDouble();
            assertEquals(expected, Double.parseDouble(cell.getAttribute("data-gradient")), 0.0,
                    "the table's ∂J/∂w of " + cell.getAttribute("data-weight") + " at step " + run.get("step"));
        }
    }

    /**
     * The frame that paints a step paints the gradient table at that step when the table is in view. Scrolled out of
     * view, the table follows just after that frame, and is at the server's step before anyone can scroll to it.
     */
    @Test
    void the_gradient_table_is_patched_with_the_step_in_view_and_just_after_it_out_of_view() {
        load("/?dataset=blobs&classes=3&n=150&features=x1,x2,x1%5E2");
        String id = (String) browser.script("return document.getElementById('lab').dataset.run");

        showTable(true);
        assertEquals("1", stepAndTableStepAtTheCounter(), "in view: the table changes in the same update as the counter");
        waitForStep(1);
        assertTableShowsTheServersGradient(id);

        showTable(false);
        assertEquals("1", stepAndTableStepAtTheCounter(), "out of view: the table is still at the step before");
        browser.waiting().until(d -> "2".equals(d.findElement(By.id("gradients")).getAttribute("data-step")));
        assertTableShowsTheServersGradient(id);
        assertEquals(List.of(), browser.consoleErrors());
    }

    /** Scrolls the table into view or the page to its top, and waits until the page has seen it. */
    private void showTable(boolean inView) {
        browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const table = document.getElementById('gradients');
                if (arguments[0]) table.scrollIntoView(); else window.scrollTo(0, 0);
                // Observers are told in the order they were made: this one hears after the page's.
                const probe = new IntersectionObserver(entries => {
                  if (entries.some(e => e.isIntersecting === arguments[0])) { probe.disconnect(); done(); }
                });
                probe.observe(table);""", inView);
    }

    /** Clicks step and returns the table's step as it is when the new step counter appears. */
    private String stepAndTableStepAtTheCounter() {
        return (String) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const counter = document.querySelector('[data-testid=step-count]');
                const before = counter.textContent;
                const watch = new MutationObserver(() => {
                  if (counter.textContent === before) return;
                  watch.disconnect();
                  done(document.getElementById('gradients').dataset.step);
                });
                watch.observe(counter, {childList: true, subtree: true, characterData: true});
                document.querySelector('[data-testid=step]').click();""");
    }

    @Test
    void play_stops_by_itself_when_the_run_converges_with_the_table_at_its_last_step() {
        playToConvergenceAndCheckTheTable();
    }

    @Test
    void without_a_websocket_play_sends_step_requests_and_the_table_ends_at_the_servers_step() {
        // A proxy that refuses the upgrade: the page plays by one step request after another.
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "window.WebSocket = undefined;"));
        playToConvergenceAndCheckTheTable();
    }

    /** Plays a run that converges at about step 80: play stops by itself at the server's step, table included. */
    private void playToConvergenceAndCheckTheTable() {
        load("/?dataset=blobs&classes=2&learningRate=1&l2=0.1");
        byTestId("play").click();
        browser.waiting().until(d -> "true".equals(d.findElement(By.id("transport")).getAttribute("data-converged")));
        assertEquals("false", byTestId("play").getAttribute("aria-pressed"));
        String id = (String) browser.script("return document.getElementById('lab').dataset.run");
        assertEquals(server.api("/api/runs/" + id).get("step").asLong(), stepCount());
        assertTableShowsTheServersGradient(id);
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void play_stops_by_itself_and_explains_when_the_learning_rate_is_too_large() {
        load("/?dataset=xor&n=100&features=x1,x2,x1%5E2,x2%5E2,x1*x2&learningRate=100&l2=10");
        byTestId("play").click();
        browser.waiting().until(d -> "diverged".equals(
                d.findElement(By.id("transport")).getAttribute("data-status")));
        String status = browser.driver.findElement(By.cssSelector("#transport .status")).getText();
        assertTrue(status.contains("100"), status);
        assertFalse(browser.driver.getPageSource().contains("NaN"), "no NaN on screen");
        assertEquals("false", byTestId("play").getAttribute("aria-pressed"));
        browser.screenshot("diverged");
    }

    @Test
    void keyboard_steps_forward_back_and_resets() {
        load("/?dataset=blobs");
        WebElement body = browser.driver.findElement(By.tagName("body"));
        body.sendKeys(Keys.ARROW_RIGHT);
        waitForStep(1);
        body.sendKeys(Keys.ARROW_RIGHT);
        waitForStep(2);
        body.sendKeys(Keys.ARROW_LEFT);
        waitForStep(1);
        body.sendKeys("r");
        waitForStep(0);
    }

    @Test
    void switching_to_five_classes_starts_a_softmax_run_with_five_weight_rows() {
        load("/?dataset=blobs");
        new Select(browser.driver.findElement(By.id("classes"))).selectByValue("5");
        browser.waiting().until(d -> d.findElements(By.cssSelector("[data-testid='gradient-table'] tbody tr")).size() == 5);
        assertTrue(browser.driver.getCurrentUrl().contains("classes=5"));
        assertTrue(browser.driver.getCurrentUrl().contains("parameterization=softmax"));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void clicking_the_plot_adds_a_custom_point_of_the_chosen_class() {
        load("/?dataset=custom&classes=2&points=1,1,0;-1,-1,1;2,-3,0");
        int before = browser.driver.findElements(By.cssSelector("#plot-points use.pt")).size();
        WebElement plot = byTestId("plot");
        // Near the top-left corner of the plotting area, where no point is.
        new Actions(browser.driver).moveToElement(plot, -plot.getSize().width / 2 + 90, -plot.getSize().height / 2 + 60)
                .click().perform();
        browser.waiting().until(d -> d.findElements(By.cssSelector("#plot-points use.pt")).size() == before + 1);
        assertTrue(browser.driver.getCurrentUrl().contains("points="));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void a_student_chooses_custom_clears_the_canvas_and_builds_a_dataset_from_nothing() {
        load("/?dataset=blobs&classes=2&n=100");
        new Select(browser.driver.findElement(By.id("dataset"))).selectByValue("custom");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-testid=blank-hint]")).isEmpty());
        assertEquals(0, browser.driver.findElements(By.cssSelector("#plot-points use.pt")).size());
        assertTrue(browser.driver.getCurrentUrl().contains("dataset=custom"), browser.driver.getCurrentUrl());
        assertTrue(!byTestId("step").isEnabled(), "nothing to train yet");

        WebElement plot = byTestId("plot");
        new Actions(browser.driver).moveToElement(plot, -plot.getSize().width / 2 + 90, -plot.getSize().height / 2 + 60)
                .click().perform();
        browser.waiting().until(d -> d.findElements(By.cssSelector("#plot-points use.pt")).size() == 1);
        assertTrue(byTestId("step").isEnabled(), "one point is enough to train");
        byTestId("step").click();
        waitForStep(1);

        browser.driver.findElement(By.id("custom-clear")).click();
        browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-testid=blank-hint]")).isEmpty());
        assertEquals(0, browser.driver.findElements(By.cssSelector("#plot-points use.pt")).size());
        assertTrue(browser.driver.getCurrentUrl().contains("points=&") || browser.driver.getCurrentUrl().endsWith("points="),
                browser.driver.getCurrentUrl());
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void the_png_export_is_a_1280_pixel_picture_of_the_plot() {
        load("/?dataset=blobs&classes=3&n=150&step=20");
        // Catch the picture and the download link the page clicks, instead of letting the browser save a file
        // (the page's own CSP does not let a script fetch the blob: URL back).
        browser.driver.executeScript("""
                window.__downloads = [];
                const toBlob = HTMLCanvasElement.prototype.toBlob;
                HTMLCanvasElement.prototype.toBlob = function (callback, ...rest) {
                  toBlob.call(this, blob => { window.__blob = blob; callback(blob); }, ...rest);
                };
                HTMLAnchorElement.prototype.click = function () {
                  window.__downloads.push({ name: this.download, href: this.href });
                };""");
        browser.driver.findElement(By.id("export-png")).click();
        browser.waiting().until(d -> ((Number) browser.driver.executeScript(
                "return window.__downloads.length")).intValue() == 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> picture = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const d = window.__downloads[0];
                Promise.resolve(window.__blob).then(async blob => {
                  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
                  const bitmap = await createImageBitmap(blob);
                  const canvas = document.createElement('canvas');
                  canvas.width = bitmap.width; canvas.height = bitmap.height;
                  const g = canvas.getContext('2d');
                  g.drawImage(bitmap, 0, 0);
                  const colours = new Set();
                  for (let y = 40; y < bitmap.height; y += 97) {
                    for (let x = 100; x < bitmap.width; x += 89) {
                      const p = g.getImageData(x, y, 1, 1).data;
                      colours.add(p[0] + ',' + p[1] + ',' + p[2] + ',' + p[3]);
                    }
                  }
                  done({ name: d.name, type: blob.type, signature: Array.from(head).join(','),
                         width: bitmap.width, height: bitmap.height, colours: colours.size });
                }).catch(e => done({ error: String(e) }));""");
        assertEquals(null, picture.get("error"), picture::toString);
        assertEquals("plot.png", picture.get("name"));
        assertEquals("image/png", picture.get("type"));
        assertEquals("137,80,78,71,13,10,26,10", picture.get("signature"));
        assertEquals(1280L, ((Number) picture.get("width")).longValue());
        assertEquals(1280L, ((Number) picture.get("height")).longValue());
        assertTrue(((Number) picture.get("colours")).intValue() > 3,
                "the picture shows the shaded regions and points, not a blank canvas: " + picture);
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void the_permalink_shows_the_same_state_after_the_server_restarts() {
        load("/?dataset=circles&classes=3&features=x1%5E2,x2%5E2&n=120");
        new Select(browser.driver.findElement(By.id("count"))).selectByValue("5");
        byTestId("step").click();
        waitForStep(5);
        String permalink = byTestId("permalink").getAttribute("href");
        String loss = byTestId("train-loss").getAttribute("data-value");
        String boundary = (String) browser.driver.executeScript(
                "return document.querySelector('#plot-under path.boundary').getAttribute('d')");

        server.restart();
        String moved = permalink.replaceFirst("localhost:\\d+", "localhost:" + server.port());
        browser.driver.get(moved);
        waitForStep(5);
        assertEquals(loss, byTestId("train-loss").getAttribute("data-value"));
        assertEquals(boundary, (String) browser.driver.executeScript(
                "return document.querySelector('#plot-under path.boundary').getAttribute('d')"));
    }

    @Test
    void switching_language_shows_the_page_in_chinese_and_keeps_the_state() {
        load("/?dataset=blobs&step=3");
        byTestId("language").findElement(By.cssSelector("a[hreflang='zh-CN']")).click();
        browser.waiting().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "zh-CN"));
        assertEquals(3, stepCount());
        assertTrue(byTestId("step").getText().contains("前进"), byTestId("step").getText());
        browser.screenshot("playground-zh");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void the_inspector_typesets_a_weights_equation_and_an_examples_derivation() {
        load("/?dataset=blobs&classes=3&step=4");
        browser.driver.findElement(By.cssSelector("td[data-weight='1,0']")).click();
        browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-testid='inspector-gradient']")).isEmpty());
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#inspector .katex")).isEmpty());
        String shown = byTestId("inspector-gradient").getAttribute("data-value");
        String table = browser.driver.findElement(By.cssSelector("td[data-weight='1,0']")).getAttribute("data-gradient");
        assertEquals(Double.parseDouble(table), Double.parseDouble(shown));
        assertNoRawTex();
        browser.screenshot("inspector-weight");

        WebElement point = browser.driver.findElement(By.cssSelector("#plot-points use.pt[data-i='7']"));
        new Actions(browser.driver).moveToElement(point).click().perform();
        browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-testid='example-loss']")).isEmpty());
        browser.waiting().until(d -> d.findElement(By.id("inspector")).getText().contains("(5.48)"));
        assertNoRawTex();
        // Stepping keeps the inspector open and up to date.
        byTestId("step").click();
        waitForStep(5);
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#inspector .katex")).isEmpty());
        assertFalse(browser.driver.findElements(By.cssSelector("[data-testid='example-loss']")).isEmpty());
        browser.screenshot("inspector-example");
        assertEquals(List.of(), browser.consoleErrors());
    }

    private void assertNoRawTex() {
        browser.waiting().until(d -> d.findElements(By.cssSelector(".tex[data-tex]:not([data-typeset])")).isEmpty());
        String text = browser.driver.findElement(By.id("inspector")).getText();
        assertFalse(text.contains("\\frac") || text.contains("\\partial"), "raw TeX left on the page: " + text);
    }
}
