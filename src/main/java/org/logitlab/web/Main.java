package org.logitlab.web;

import io.javalin.Javalin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts LogitLab on the port in {@code PORT} (default 7070). */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment(System.getenv());
        Javalin app = LogitLabApp.create(settings, TrustedProxy.fromEnvironment(System.getenv()))
                .start(settings.port());
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "logitlab-shutdown"));
        LOG.info("LogitLab is running at http://localhost:{}/", app.port());
    }
}
