package org.logitlab.web;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server per test class, with the test settings, on a random port and its own data directory. A test
 * class that needs other settings, or a server per test, starts its own {@link TestServer}.
 */
public abstract class ServerTest {
    @TempDir
    protected static Path dataDir;
    protected static TestServer server;

    @BeforeAll
    protected static void startServer() {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    protected static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
