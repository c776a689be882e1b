package org.logitlab.web.robust;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.Settings;

/** One real server with the test settings per test class, on a random port, with its own data directory. */
abstract class DefaultServerTest {
    @TempDir
    static Path dataDir;
    static AppUnderTest server;

    @BeforeAll
    static void startServer() {
        server = AppUnderTest.start(Settings.forTests(dataDir));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
