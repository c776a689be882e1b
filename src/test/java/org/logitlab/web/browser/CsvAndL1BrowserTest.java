package org.logitlab.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A real file through the page's file control, and λ₁ typed into the tuning panel, in Chromium: the file's class
 * names reach the legend (a bad file is said beside the control and the page keeps its run), and stepping with
 * λ₁ > 0 marks the weights it holds at exactly 0.
 */
class CsvAndL1BrowserTest extends BrowserTest {
    private static final Path IRIS = Path.of("src/test/resources/reference/iris_petals.csv").toAbsolutePath();

    @TempDir
    Path files;
    private void open(String path) {
        open(1280, 800, path);
    }

    private String runId() {
        return (String) browser.script("return document.getElementById('lab').dataset.run");
    }

    @SuppressWarnings("unchecked")
    private List<String> legend() {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'figcaption.legend .key')).filter(k => k.querySelector('svg')).map(k => k.textContent.trim())");
    }

    @Test
    void a_csv_file_chosen_in_the_file_control_puts_its_class_names_in_the_legend() throws IOException {
        open("/?dataset=custom&classes=2&points=");
        browser.byTestId("csv-upload").sendKeys(IRIS.toString());
        browser.waiting().until(d -> legend().equals(List.of("setosa", "versicolor", "virginica")));
        assertEquals(150L, browser.script("return document.querySelectorAll('#plot-points use.pt').length"));
        assertTrue(browser.byTestId("standardized").getText().contains("petal_length − 3.758"));
        browser.waiting().until(d -> ((String) browser.script("return location.search"))
                .contains("names=setosa,versicolor,virginica"));
        String run = runId();
        browser.screenshot("csv-iris");

        Path bad = files.resolve("bad.csv");
        Files.writeString(bad, "x,y,species\n1,2,a\n3,4,b\n5,five,a\n", StandardCharsets.UTF_8);
        browser.byTestId("csv-upload").sendKeys(bad.toString());
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#csv-error .field-error")).isEmpty());
        String said = browser.driver.findElement(By.cssSelector("#csv-error .field-error")).getText();
        assertTrue(said.contains("line 4") && said.contains("\"five\""), said);
        assertEquals(run, runId(), "the page keeps its run");
        assertEquals(List.of("setosa", "versicolor", "virginica"), legend());
        assertEquals(List.of(), browser.consoleErrors().stream()
                .filter(e -> !e.contains("/lab/csv")).toList(), "no script errors (the refused post aside)");
    }

    @Test
    void lambda_one_typed_beside_l2_marks_the_weights_it_holds_at_exactly_zero() {
        open("/?dataset=blobs&n=60&classes=3&features=x1,x2,sin(x1)&learningRate=0.5&step=12");
        assertEquals(0L, browser.script("return document.querySelectorAll('#gradients td.zero').length"));
        WebElement l1 = browser.driver.findElement(By.id("l1"));
        // Select and overtype: clear() would send the empty value as a change of its own.
        l1.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.08", Keys.TAB);
        browser.waiting().until(d -> ((String) browser.script("return location.search")).contains(":0.08"));
        browser.byTestId("step").click();
        browser.waitForStep(13);
        browser.waiting().until(d -> (Long) browser.script(
                "return document.querySelectorAll('#gradients td.zero .z').length") > 0);
        String spoken = (String) browser.script(
                "return document.querySelector('#gradients td.zero .sr-only').textContent");
        assertTrue(spoken.contains("exactly zero"), spoken);
        assertTrue(browser.driver.findElement(By.cssSelector("#gradients .hint")).getText().contains("ηλ₁"));

        // A zero weight's inspector: the L1 lines typeset without a KaTeX error.
        browser.driver.findElement(By.cssSelector("#gradients td.zero button")).click();
        browser.waiting().until(d -> "weight".equals(d.findElement(By.id("inspector")).getAttribute("data-kind")));
        browser.waiting().until(d -> d.findElements(By.cssSelector(".tex[data-tex]:not([data-typeset])")).isEmpty());
        assertTrue(browser.driver.findElements(By.cssSelector("#inspector .katex-error")).isEmpty());
        assertEquals("0", browser.byTestId("inspector-next").getText());
        browser.script("document.getElementById('inspector').scrollIntoView()");
        browser.screenshot("l1-inspector");
        browser.script("document.getElementById('gradients').scrollIntoView()");
        browser.screenshot("l1-zero-cells");
        assertEquals(List.of(), browser.consoleErrors());
    }
}
