package org.logitlab.web.page;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real server per test class, on a random port, with its own data directory. */
abstract class LabServerTest {
    @TempDir
    static Path dataDir;
    static LabServer server;

    @BeforeAll
    static void startServer() {
        server = LabServer.start(dataDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
