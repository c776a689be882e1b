package org.logitlab.web.api;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.web.TestServer;

/** One real server per test class, on a random port, with its own data directory. */
abstract class ServerTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
