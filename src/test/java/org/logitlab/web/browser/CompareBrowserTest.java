package org.logitlab.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Two runs side by side in a real Chromium: opened from the playground, one setting changed, played together. */
class CompareBrowserTest extends BrowserTest {
    private String sideStep(String side) {
        return (String) browser.script("return document.querySelector('[data-testid=run-" + side
                + "] [data-testid=step-count]').textContent");
    }

    @Test
    void a_student_compares_two_learning_rates_from_the_playground_and_plays_both() {
        open(1280, 800, "/?dataset=blobs&classes=3&n=150");
        browser.byTestId("step").click();
        browser.waitForStep(1);
        browser.byTestId("step").click();
        browser.waitForStep(2);
        browser.byTestId("compare").click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("/compare?"));
        browser.waiting().until(d -> Boolean.TRUE.equals(browser.script("return !!window.htmx && !!window.Chart")));
        assertEquals("2", sideStep("a"));
        assertEquals("2", sideStep("b"));

        WebElement rate = browser.driver.findElement(By.cssSelector("#side-b-settings [name=learningRate]"));
        rate.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1", Keys.TAB);
        browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-testid=diff] tr[data-setting=learningRate]"))
                .isEmpty());
        assertEquals("2", sideStep("b"), "run b starts again at run a's step");

        browser.byTestId("play").click();
        browser.waiting().until(d -> browser.stepCount() >= 20);
        browser.byTestId("play").click();
        String a = (String) browser.script("return document.getElementById('compare').dataset.runA");
        browser.waiting().until(d -> browser.stepCount() == server.api("/api/runs/" + a).get("step").asLong());
        long step = browser.stepCount();
        assertEquals(String.valueOf(step), sideStep("a"));
        assertEquals(String.valueOf(step), sideStep("b"), "both runs moved step for step");
        @SuppressWarnings("unchecked")
        List<Long> points = (List<Long>) browser.script(
                "return Chart.getChart('loss-chart').data.datasets.map(s => s.data.length)");
        assertEquals(List.of(step + 1, step + 1), points, "one loss curve per run, every step of each");
        double lossA = Double.parseDouble(browser.driver.findElement(By.cssSelector(
                "[data-testid=run-a] [data-testid=train-loss]")).getAttribute("data-value"));
        double lossB = Double.parseDouble(browser.driver.findElement(By.cssSelector(
                "[data-testid=run-b] [data-testid=train-loss]")).getAttribute("data-value"));
        assertTrue(lossB < lossA, "the larger learning rate got further: " + lossA + " vs " + lossB);

        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_LEFT);
        browser.waitForStep(step - 1);
        assertEquals(String.valueOf(step - 1), sideStep("b"), "the keys drive both runs");
        browser.waiting().until(d -> d.getCurrentUrl().contains("step%3D" + (step - 1)));
        browser.screenshot("compare");

        browser.driver.findElement(By.cssSelector("#languages a[hreflang=zh-CN]")).click();
        browser.waiting().until(d -> "zh-CN".equals(browser.script("return document.documentElement.lang")));
        assertEquals(String.valueOf(step - 1), sideStep("a"));
        assertEquals(List.of(), browser.consoleErrors());
    }
}
