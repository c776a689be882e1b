package org.logitlab.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Deflater;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.session.SessionCache;
import org.eclipse.jetty.util.compression.CompressionPool;
import org.eclipse.jetty.util.compression.DeflaterPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.logitlab.text.Reason;
import org.logitlab.web.api.ApiRoutes;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.Json;
import org.logitlab.web.page.ErrorPage;
import org.logitlab.web.page.ExportRoutes;
import org.logitlab.web.page.PageRoutes;
import org.logitlab.web.page.Templates;
import org.logitlab.web.run.Permalink;
import org.logitlab.web.run.PointStore;
import org.logitlab.web.run.RunService;
import org.logitlab.web.run.RunStore;
import org.logitlab.web.run.WorkLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the whole application; {@code Main} and every HTTP test use this one factory. */
public final class LogitLabApp {
    public static final long MAX_BODY_BYTES = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(LogitLabApp.class);
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "style-src-attr 'unsafe-inline'",
            "img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self'", "object-src 'none'",
            "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'");
    /** Sent with every response: the app's, and Jetty's own errors ({@link JettyErrors}). */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin",
            "X-Frame-Options", "DENY");

    private LogitLabApp() {
    }

    public static Javalin create(Settings settings) {
        return create(settings, TrustedProxy.NONE);
    }

    /** The application behind {@code proxy}: client addresses and new runs' ids come from its headers. */
    public static Javalin create(Settings settings, TrustedProxy proxy) {
        WorkLimiter limiter = new WorkLimiter(Runtime.getRuntime().availableProcessors(), settings.work());
        RunService runs = new RunService(new RunStore(settings.runMemoryBytes(), settings.idleExpiry()),
                new Permalink(new PointStore(settings.dataDirectory(), settings.pointQuota())), limiter,
                settings.runsPerMinute());
        Templates templates = new Templates();
        ErrorResponses errors = new ErrorResponses(new ErrorPage(templates));
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            // Gzip for clients that accept it, at the fastest level: a step's fragments shrink about threefold
            // (a classroom on one wifi), for a fraction of the CPU of the default level.
            config.http.compressionStrategy = new CompressionStrategy(null, new Gzip(1));
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            if (settings.logRequests()) {
                config.requestLogger.http((ctx, ms) -> LOG.info("{} {} {} {} ms", ctx.method(), ctx.path(),
                        ctx.statusCode(), String.format(java.util.Locale.ROOT, "%.2f", ms)));
            }
            config.routes.before(LogitLabApp::securityHeaders);
            config.routes.before(LogitLabApp::rejectMalformedPath);
            config.jetty.modifyServer(server -> {
                // Graceful stop (SIGTERM, app.stop()): requests in flight finish, for up to 30 s.
                server.setStopTimeout(30_000);
                server.insertHandler(new GracefulHandler());
                // Requests Jetty refuses before the app sees them are answered as the app's own errors.
                server.setErrorHandler(new JettyErrors(errors));
                // The play streams' answers are deflated at the fastest level, as the HTTP answers are gzipped: a
                // step's 36 KB of fragments take 0.11-0.13 ms at level 1 against 0.43-0.64 ms at the default 6,
                // for 10 % more bytes. The WebSocket components take the server's pool, which keeps at most one
                // idle deflater per thread, as Jetty's own would.
                int idle = server.getThreadPool() instanceof ThreadPool.SizedThreadPool sized ? sized.getMaxThreads()
                        : CompressionPool.DEFAULT_CAPACITY;
                server.addBean(new DeflaterPool(idle, Deflater.BEST_SPEED, true));
            });
            // Javalin reads the HTTP session's attributes when a WebSocket opens, so Jetty makes a session for every
            // play stream, kept for ever by default. LogitLab keeps nothing in sessions: none outlives its request.
            config.jetty.modifyServletContextHandler(handler -> forgetSessions(handler.getSessionHandler()));
            // Outside the graceful stop: a stop waits for the requests being handled, not for slow clients' bodies.
            ClientLimits.install(config.jetty, settings.clientLimits(), proxy);
            // Outside the graceful stop too: what the proxy needs wraps it.
            proxy.install(config);
            config.events.serverStopped(limiter::close);
            new ApiRoutes(runs).register(config.routes);
            new PageRoutes(runs, templates).register(config.routes);
            new ExportRoutes(runs, templates).register(config.routes);
            // Javalin hands its own HTTP errors (413, 404 of an unknown endpoint) only to a handler of their type.
            config.routes.exception(HttpResponseException.class, errors::handle);
            config.routes.exception(Exception.class, errors::handle);
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    errors.send(ctx, 404, Reason.of("error.http.notFound", ctx.path()), "path");
                }
            });
            config.routes.error(405, ctx -> errors.send(ctx, 405, Reason.of("error.http.method", ctx.method()),
                    "method"));
            config.routes.error(408, ctx -> errors.send(ctx, 408, JettyErrors.LATE, "body"));
        });
    }

    /** Sessions that are dropped from memory when their request ends, and never sent as a cookie. */
    private static void forgetSessions(SessionHandler sessions) {
        sessions.setUsingCookies(false);
        DefaultSessionCache cache = new DefaultSessionCache(sessions);
        cache.setEvictionPolicy(SessionCache.EVICT_ON_SESSION_EXIT);
        cache.setSessionDataStore(new NullSessionDataStore());
        sessions.setSessionCache(cache);
    }

    /** A path with a broken %-escape is the client's mistake, not the server's. */
    private static void rejectMalformedPath(Context ctx) {
        try {
            URLDecoder.decode(ctx.path(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FieldError.invalid("path", "error.http.pathEscape");
        }
    }

    private static void securityHeaders(Context ctx) {
        SECURITY_HEADERS.forEach(ctx::header);
    }
}
