package org.logitlab.web.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.logitlab.web.ServerTest;

/** A test class with the app on a port of its own and one headless Chromium per test, closed after it. */
@Tag("browser")
abstract class BrowserTest extends ServerTest {
    protected Browser browser;

    /** A fresh Chromium with a window of {@code width} × {@code height} (the test's previous one is closed). */
    protected void start(int width, int height) {
        closeBrowser();
        browser = Browser.open(width, height);
    }

    /** Loads {@code path} of the app in the test's Chromium. */
    protected void load(String path) {
        browser.load(server.uri(path).toString());
    }

    /** {@link #start} and {@link #load}. */
    protected void open(int width, int height, String path) {
        start(width, height);
        load(path);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
