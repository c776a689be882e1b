package org.logitlab.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * What a teacher and a student tripped over, each checked in a real Chromium at the sizes the room uses: a laptop
 * (1280×800), a projector (1024×768, 1280×720) and a phone (390×844).
 */
class ClassroomBrowserTest extends BrowserTest {
    private String runId() {
        return (String) browser.script("return document.getElementById('lab').dataset.run");
    }

    private long points() {
        return (Long) browser.script("return document.querySelectorAll('#plot-points use.pt').length");
    }

    /** Clicks the plot at data coordinates (x1, x2). */
    private void clickPlotAt(double x1, double x2) {
        WebElement plot = browser.driver.findElement(By.id("plot-points"));
        int size = plot.getSize().getWidth();
        double unit = size / 640.0;
        double sx = (46 + (x1 + 6) / 12 * 580) * unit - size / 2.0;
        double sy = (12 + (6 - x2) / 12 * 580) * unit - size / 2.0;
        new Actions(browser.driver).moveToElement(plot, (int) Math.round(sx), (int) Math.round(sy)).click().perform();
    }

    private boolean inViewport(String selector) {
        return Boolean.TRUE.equals(browser.script("""
                const r = document.querySelector(arguments[0]).getBoundingClientRect();
                return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight + 1
                    && r.right <= window.innerWidth + 1;""", selector));
    }

    private void waitForInspector(String kind) {
        browser.waiting().until(d -> kind.equals(d.findElement(By.id("inspector")).getAttribute("data-kind")));
        browser.waiting().until(d -> d.findElements(By.cssSelector(".tex[data-tex]:not([data-typeset])")).isEmpty());
    }

    @Test
    void the_chosen_class_sticks_and_every_click_adds_a_point_of_it_also_chosen_by_key() {
        open(1280, 800, "/?dataset=custom&classes=3&points=");
        browser.driver.findElement(By.cssSelector("input[name=label][value='2']")).click();
        clickPlotAt(-3, 3);
        browser.waiting().until(d -> points() == 1);
        clickPlotAt(3, -3);
        browser.waiting().until(d -> points() == 2);
        assertTrue(browser.driver.findElement(By.cssSelector("input[name=label][value='2']")).isSelected(),
                "the class chosen stays chosen after the page updates");
        new Actions(browser.driver).sendKeys("2").perform();
        assertTrue(browser.driver.findElement(By.cssSelector("input[name=label][value='1']")).isSelected(),
                "the key 2 chooses class 2");
        clickPlotAt(0, 4);
        browser.waiting().until(d -> points() == 3);
        JsonNode data = server.api("/api/runs/" + runId() + "/dataset").get("points");
        assertEquals(List.of(2, 2, 1), List.of(data.get(0).get(2).asInt(), data.get(1).get(2).asInt(),
                data.get(2).get(2).asInt()), "labels of the three points (0-based in the API)");
        browser.screenshot("custom-three-classes");
    }

    @Test
    void people_read_classes_one_to_k_in_the_example_and_the_weight_inspector() {
        open(1280, 800, "/?dataset=blobs&classes=3&n=60&step=5&inspect=x:7");
        waitForInspector("example");
        int label = server.api("/api/runs/" + runId() + "/examples/7").get("label").asInt();
        String inspector = browser.driver.findElement(By.id("inspector")).getText();
        assertTrue(inspector.contains("p(1|x)") && inspector.contains("p(3|x)") && !inspector.contains("p(0|x)"),
                inspector);
        String trueClass = (String) browser.script("return [...document.querySelectorAll('#inspector .facts div')]"
                + ".find(d => d.querySelector('dt').textContent.includes('true class')).querySelector('dd').textContent");
        assertEquals(String.valueOf(label + 1), trueClass.trim());
        String derivation = (String) browser.script("return [...document.querySelectorAll('#inspector [data-tex]')]"
                + ".map(e => e.dataset.tex).join(' ')");
        assertTrue(derivation.contains("c = " + (label + 1)), derivation);

        browser.driver.findElement(By.cssSelector("td[data-weight='1,0'] button")).click();
        waitForInspector("weight");
        for (WebElement cell : browser.driver.findElements(By.cssSelector("[data-testid=contributions] tbody "
                + "tr:not(.rest) td:nth-child(3)"))) {
            int shown = Integer.parseInt(cell.getText().trim());
            assertTrue(shown >= 1 && shown <= 3, "class " + shown + " is not one of 1..3");
        }
    }

    @Test
    void no_equation_is_cut_off_on_a_laptop_nor_on_a_projector() {
        String query = "/?dataset=blobs&n=300&classes=5&features=x1,x2,x1%5E2,x2%5E2,x1*x2,sin(x1),sin(x2)"
                + "&learningRate=0.01&step=3";
        for (int[] size : new int[][] {{1280, 800}, {1024, 768}}) {
            for (String inspect : List.of("x:4", "w:2,3")) {
                open(size[0], size[1], query + "&inspect=" + inspect);
                waitForInspector(inspect.startsWith("x") ? "example" : "weight");
                // Every formula and tag lies inside the panel (which clips what overflows it), and no equation
                // row scrolls sideways.
                @SuppressWarnings("unchecked")
                List<String> clipped = (List<String>) browser.script("""
                        const panel = document.getElementById('inspector').getBoundingClientRect();
                        const inside = e => { const r = e.getBoundingClientRect();
                          return r.left >= panel.left - 0.5 && r.right <= panel.right + 0.5; };
                        return [...document.querySelectorAll('#inspector .katex-display > .katex, #inspector .eq .tag')]
                          .filter(e => !inside(e) || e.closest('.eq').scrollWidth > e.closest('.eq').clientWidth + 2)
                          .map(e => e.textContent.slice(0, 60));""");
                assertEquals(List.of(), clipped, "clipped at " + size[0] + "x" + size[1] + " for " + inspect);
                browser.screenshot("inspector-" + inspect.charAt(0) + "-" + size[0]);
            }
        }
    }

    @Test
    void clicking_a_point_rings_it_at_once_and_brings_the_inspector_into_view() {
        open(1280, 800, "/?dataset=blobs&classes=3&n=60&step=3");
        WebElement point = browser.driver.findElement(By.cssSelector("#plot-points use.pt[data-i='11']"));
        new Actions(browser.driver).moveToElement(point).click().perform();
        waitForInspector("example");
        String ring = browser.driver.findElement(By.cssSelector("#plot-over path.highlight")).getAttribute("d");
        assertFalse(ring.isEmpty(), "the chosen point is ringed");
        browser.waiting().until(d -> inViewport("#inspector h2"));
    }

    @Test
    void a_tap_beside_a_point_on_a_phone_picks_the_nearest_point() {
        open(390, 844, "/?dataset=blobs&classes=2&n=8&noise=1&step=2");
        // The point farthest from its nearest neighbour: a tap 9 px beside it is nearer to it than to any other.
        @SuppressWarnings("unchecked")
        Map<String, Object> far = (Map<String, Object>) browser.script("""
                const pts = [...document.querySelectorAll('#plot-points use.pt')].map(p => {
                  const r = p.getBoundingClientRect();
                  return {i: p.dataset.i, x: r.x + r.width / 2, y: r.y + r.height / 2}; });
                const gap = p => Math.min(...pts.filter(q => q !== p).map(q => Math.hypot(p.x - q.x, p.y - q.y)));
                const best = pts.reduce((a, b) => gap(a) >= gap(b) ? a : b);
                return {i: best.i, gap: gap(best)};""");
        Object index = far.get("i");
        assertTrue(((Number) far.get("gap")).doubleValue() > 2 * 9, "the points are far enough apart: " + far);
        WebElement point = browser.driver.findElement(By.cssSelector("#plot-points use.pt[data-i='" + index + "']"));
        new Actions(browser.driver).moveToElement(point, 9, 0).click().perform();
        waitForInspector("example");
        assertTrue(browser.driver.findElement(By.id("inspector")).getText().contains("#" + index));
    }

    @Test
    void a_refused_value_is_marked_beside_its_control_and_the_rest_of_the_form_keeps_the_page() {
        open(1280, 800, "/?dataset=blobs&classes=3&n=100");
        String before = runId();
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("classes"))).selectByValue("4");
        browser.waiting().until(d -> !runId().equals(before));
        String page = runId();
        WebElement n = browser.driver.findElement(By.id("n"));
        n.clear();
        n.sendKeys("20000", Keys.TAB);
        browser.waiting().until(d -> "true".equals(d.findElement(By.id("n")).getAttribute("aria-invalid")));
        assertEquals("20000", browser.driver.findElement(By.id("n")).getAttribute("value"), "the refused value");
        assertTrue(browser.driver.findElement(By.id("error-n")).getText().contains("5000"));
        assertEquals("4", browser.driver.findElement(By.id("classes")).getAttribute("value"), "K as the plot has it");
        assertEquals(page, runId(), "the page keeps its run");
        assertEquals("alert", browser.driver.findElement(By.id("message")).getAttribute("role"));
        assertTrue(inViewport("#message.shown"), "the message is in sight");
        browser.screenshot("refused-n");

        n = browser.driver.findElement(By.id("n"));
        n.clear();
        n.sendKeys("150", Keys.TAB);
        browser.waiting().until(d -> d.findElements(By.cssSelector("#message.shown")).isEmpty());
        browser.driver.findElement(By.id("feature-x1")).click();
        browser.waiting().until(d -> !d.findElement(By.id("feature-x1")).isSelected()
                && d.findElements(By.cssSelector("#message.shown")).isEmpty());
        browser.driver.findElement(By.id("feature-x2")).click();
        browser.waiting().until(d -> d.findElements(By.id("error-features")).size() == 1);
        assertTrue(browser.driver.findElement(By.id("feature-x2")).isSelected(),
                "the page's feature is ticked again, since the page still uses it");
    }

    @Test
    void a_learning_rate_far_too_large_gets_a_warning_and_a_diverged_run_says_what_its_numbers_mean() {
        open(1280, 800, "/?dataset=spiral&classes=3&learningRate=100&step=12");
        String warning = browser.byTestId("lr-warning").getText();
        assertTrue(warning.contains("100") && warning.contains("10"), warning);
        browser.screenshot("lr-warning");
        open(1280, 800, "/?dataset=xor&n=100&features=x1,x2,x1%5E2,x2%5E2,x1*x2&learningRate=100&l2=10");
        browser.byTestId("play").click();
        browser.waiting().until(d -> "diverged".equals(d.findElement(By.id("transport")).getAttribute("data-status")));
        browser.waiting().until(d -> d.findElement(By.cssSelector("[data-testid=lr-warning]")).getText()
                .contains("last finite"));
    }

    @Test
    void the_plots_axis_names_stand_clear_of_its_legend_on_a_laptop_a_projector_and_a_phone() {
        for (int[] size : new int[][] {{1280, 800}, {1280, 1000}, {1024, 768}, {390, 844}}) {
            open(size[0], size[1], "/?dataset=blobs&classes=5&n=250&testFraction=0.2&step=4");
            // The layers are the square above the legend, however many lines the legend takes.
            String overlap = (String) browser.script("""
                    const legend = document.querySelector('#plot .legend').getBoundingClientRect();
                    const out = [];
                    for (const id of ['plot-under', 'plot-points', 'plot-over', 'plot-cursor']) {
                      const r = document.getElementById(id).getBoundingClientRect();
                      if (r.bottom > legend.top + 0.5 || Math.abs(r.height - r.width) > 0.5) {
                        out.push(id + ' ' + [r.top, r.bottom, r.width, r.height].join(','));
                      }
                    }
                    const name = [...document.querySelectorAll('#plot-points .axis-name')]
                        .map(t => t.getBoundingClientRect()).find(r => r.bottom > legend.top + 0.5);
                    if (name) out.push('an axis name reaches ' + name.bottom + ', below the legend top ' + legend.top);
                    return out.join('; ');""");
            assertEquals("", overlap, "at " + size[0] + "x" + size[1]);
        }
    }

    /**
     * The gradient table's columns are fixed (a step does not measure them again), so they must hold the widest
     * numbers: eight classes, all seven features and L1 marks, on a laptop, a projector (in Chinese) and a phone
     * (where the table scrolls sideways).
     */
    @Test
    void every_number_of_the_gradient_table_fits_its_cell_on_a_laptop_a_projector_and_a_phone() {
        String query = "/?dataset=blobs&n=300&classes=8&learningRate=0.05&l1=0.01&step=6"
                + "&features=x1,x2,x1%5E2,x2%5E2,x1*x2,sin(x1),sin(x2)";
        for (Object[] at : new Object[][] {{1280, 800, ""}, {1024, 768, "&lang=zh"}, {390, 844, ""}}) {
            open((int) at[0], (int) at[1], query + at[2]);
            String tight = (String) browser.script("""
                    const out = [];
                    document.querySelectorAll('#gradients td[data-weight]').forEach(cell => {
                      const box = cell.getBoundingClientRect();
                      for (const line of cell.querySelectorAll('button > :not(.sr-only)')) {
                        const text = document.createRange();
                        text.selectNodeContents(line);
                        const r = text.getBoundingClientRect();
                        if (r.left < box.left + 2 || r.right > box.right - 2) out.push(line.textContent);
                      }
                    });
                    return out.slice(0, 5).join(' | ');""");
            assertEquals("", tight, "numbers reaching their cell's edge at " + at[0] + "x" + at[1]);
        }
    }

    @Test
    void the_plot_the_step_button_the_learning_rate_and_the_loss_chart_fit_a_projector() {
        for (int[] size : new int[][] {{1024, 768}, {1280, 720}}) {
            open(size[0], size[1], "/?dataset=blobs&classes=4&n=200&step=4");
            for (String part : List.of("#plot", "[data-testid=step]", "#learningRate", "#loss-chart")) {
                assertTrue(inViewport(part), () -> part + " is off screen at " + size[0] + "x" + size[1] + ": "
                        + browser.script("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                        + " return [r.top, r.bottom, r.left, r.right, innerWidth, innerHeight].join(' ')", part));
            }
            // The transport bar is one line: the steps-per-update menu beside the timeline, not under the buttons.
            Number drop = (Number) browser.script("return document.querySelector('label.count').getBoundingClientRect()"
                    + ".top - document.querySelector('#play').getBoundingClientRect().bottom");
            assertTrue(drop.doubleValue() < 0, "the step menu wrapped below the buttons at " + size[0] + "x" + size[1]);
            browser.screenshot("projector-" + size[0] + "x" + size[1]);
        }
    }

    @Test
    void the_keyboard_inspects_points_keeps_its_place_and_space_does_what_the_focused_control_does() {
        open(1280, 800, "/?dataset=blobs&classes=2&n=60&step=2");
        browser.script("document.getElementById('plot-points').focus()");
        new Actions(browser.driver).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_UP, Keys.ENTER).perform();
        waitForInspector("example");

        String before = runId();
        WebElement x1Squared = browser.driver.findElement(By.id("feature-x1-2"));
        browser.script("arguments[0].focus()", x1Squared);
        new Actions(browser.driver).sendKeys(Keys.SPACE).perform();
        browser.waiting().until(d -> !runId().equals(before));
        assertEquals("feature-x1-2", browser.script("return document.activeElement.id"),
                "focus stays on the box just ticked");

        browser.script("document.querySelector('[data-testid=reset]').focus()");
        new Actions(browser.driver).sendKeys(Keys.SPACE).perform();
        assertEquals("false", browser.byTestId("play").getAttribute("aria-pressed"), "space on Reset does not play");
    }

    @Test
    void axe_finds_nothing_serious_in_either_language_with_an_inspector_open() throws IOException {
        String axe;
        try (InputStream in = getClass().getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String query : List.of("/?dataset=blobs&classes=3&n=60&step=3&inspect=w:1,0&lang=en",
                "/?dataset=blobs&classes=3&n=60&step=3&inspect=x:4&lang=zh",
                "/?dataset=custom&classes=2&points=1,1,0;-1,-1,1&lang=en",
                "/?dataset=blobs&classes=3&n=60&step=3&landscape=auto&lang=zh",
                "/compare?a=dataset%3Dblobs%26n%3D60%26step%3D2&b=dataset%3Dblobs%26n%3D60%26learningRate%3D1%26step%3D2"
                        + "&lang=en")) {
            open(1280, 800, query);
            browser.waiting().until(d -> d.findElements(By.cssSelector(".tex[data-tex]:not([data-typeset])")).isEmpty());
            browser.script(axe);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> violations = (List<Map<String, Object>>) browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.html)}))));""");
            assertEquals(List.of(), violations, query);
        }
    }

    @Test
    void lesson_switches_hide_test_data_discretize_and_hide_panels_and_stay_in_the_permalink() {
        open(1280, 800, "/?dataset=blobs&classes=2&n=100&testFraction=0.3&step=3");
        assertTrue((Long) browser.script("return [...document.querySelectorAll('use.pt.test')]"
                + ".filter(p => p.getClientRects().length).length") > 0);
        browser.driver.findElement(By.xpath("//div[contains(@class,'lesson')]//a[1]")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("hide=test"));
        assertEquals(0L, browser.script("return [...document.querySelectorAll('use.pt.test')]"
                + ".filter(p => p.getClientRects().length).length"), "test points hidden");
        String shaded = browser.driver.findElement(By.cssSelector("#plot-under image")).getAttribute("href");
        browser.driver.findElement(By.xpath("//div[contains(@class,'lesson')]//li[2]/a")).click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("discretize=1"));
        assertNotEquals(shaded, browser.driver.findElement(By.cssSelector("#plot-under image")).getAttribute("href"));
        browser.byTestId("step").click();
        browser.waitForStep(4);
        assertTrue(browser.byTestId("permalink").getAttribute("href").contains("discretize=1"));

        open(1280, 800, "/?dataset=blobs&classes=2&n=100&hide=gradients,charts");
        assertFalse(browser.driver.findElement(By.id("gradients")).isDisplayed());
        assertFalse(browser.driver.findElement(By.id("loss-chart")).isDisplayed());
        assertTrue(browser.byTestId("permalink").getAttribute("href").contains("hide=charts,gradients"));
    }

    @Test
    void a_first_load_rings_nothing_says_no_prediction_yet_and_shows_no_empty_legends_or_emoji() {
        open(1280, 800, "/?dataset=blobs&classes=3&n=90");
        assertTrue(browser.driver.findElements(By.cssSelector("#plot-over path.wrong")).isEmpty(), "a tie is no mistake");
        assertTrue(browser.byTestId("no-prediction").isDisplayed());
        @SuppressWarnings("unchecked")
        List<String> legends = (List<String>) browser.script(
                "return Chart.getChart('loss-chart').data.datasets.map(s => s.label)");
        assertFalse(legends.stream().anyMatch(l -> l.contains("test")), "no test series without a test split");
        @SuppressWarnings("unchecked")
        List<String> cut = (List<String>) browser.script("return [...document.querySelectorAll('#controls select')]"
                + ".filter(s => s.scrollWidth > s.clientWidth + 1 || s.selectedOptions[0].textContent.length > 0"
                + " && measure(s) > s.clientWidth).map(s => s.name);"
                .replace("measure(s)", "(() => { const c = document.createElement('canvas').getContext('2d');"
                        + " c.font = getComputedStyle(s).font; return c.measureText(s.selectedOptions[0].textContent)"
                        + ".width + 24; })()"));
        assertEquals(List.of(), cut, "menu texts that do not fit");
        String buttons = browser.driver.findElement(By.cssSelector("#session .buttons")).getText();
        assertTrue(buttons.codePoints().allMatch(c -> c < 0x2190 || c > 0x2BFF), "no symbol glyphs: " + buttons);
        browser.driver.findElement(By.id("copy-link")).click();
        browser.waiting().until(d -> !"copy link".equals(d.findElement(By.id("copy-link")).getText()));
    }
}
