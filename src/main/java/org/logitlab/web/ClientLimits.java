package org.logitlab.web;

import java.time.Duration;

import io.javalin.config.JettyConfig;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What one client address may take of the server, so that slow or greedy clients cannot starve the others, built
 * from Jetty's own handlers. In the order a request meets them:
 *
 * <ol>
 * <li>at most {@link Limits#connectionsPerAddress} open connections ({@link ConnectionsPerAddress});</li>
 * <li>a multipart body is refused (415) from its headers, before any of it is read, so nothing is spooled to
 * disk (other bodies over 1 MB are refused by the app as they are read);</li>
 * <li>a body must arrive at {@link Limits#minBodyBytesPerSecond} or faster ({@link MinimumDataRateHandler}), and
 * a connection that sends nothing for {@link Limits#idleTimeout} is closed (a request waiting for its body is
 * answered 408 first);</li>
 * <li>a body up to {@value #EAGER_BODY_BYTES} bytes is read in full without a thread before the request is
 * handled ({@link EagerContentHandler}), so a client dripping its body holds no thread while it drips;</li>
 * <li>at most {@link Limits#threadsPerAddress} threads work for one address at a time; its other requests wait
 * their turn without a thread ({@link ThreadLimitHandler}).</li>
 * </ol>
 *
 * <p>The defaults are sized for a classroom behind one NAT address: 60 browsers keep up to 6 connections each
 * (360), and their requests are short, so 64 threads serve them with the other ~190 of Jetty's 250 left for
 * everyone else. Behind a trusted reverse proxy ({@link TrustedProxy}) the threads are counted per client it
 * forwards, and its own connections are not counted: the proxy limits connections per client itself.
 */
public final class ClientLimits {
    /**
     * @param connectionsPerAddress open connections one address may hold; more are closed as they arrive
     * @param threadsPerAddress     requests of one address handled at once; more wait their turn
     * @param minBodyBytesPerSecond the slowest a request body may arrive (a real client sends it at once)
     * @param idleTimeout           the longest a connection may stay silent, within a request or between them
     */
    public record Limits(int connectionsPerAddress, int threadsPerAddress, int minBodyBytesPerSecond,
                         Duration idleTimeout) {
        public static final Limits DEFAULT = new Limits(400, 64, 1024, Duration.ofSeconds(10));
    }

    /**
     * Bodies up to this size wait in memory until complete: up to 25 MB for one address's connections at worst,
     * and enough for every form the page sends. Larger bodies are read as they come, at the minimum rate.
     */
    public static final int EAGER_BODY_BYTES = 64 * 1024;

    private ClientLimits() {
    }

    /**
     * Applies the limits to the server Javalin builds. Behind {@code proxy} they apply to the client it forwards
     * (its {@code X-Forwarded-For}), and the proxy's own connections are not counted: it limits them per client.
     */
    public static void install(JettyConfig jetty, Limits limits, TrustedProxy proxy) {
        jetty.modifyServer(server -> {
            // On the connectors rather than per request: a per-request idle timeout is restored when a request
            // ends, undoing the short one a graceful stop gives idle connections, so a stop could wait for it.
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (Connector c : server.getConnectors()) {
                        if (c instanceof AbstractConnector connector) {
                            connector.setIdleTimeout(limits.idleTimeout().toMillis());
                        }
                    }
                }
            });
            ThreadLimitHandler threads = new ThreadLimitHandler() {
                @Override
                protected String getRemoteIP(Request request) {
                    return proxy.clientAddress(request);
                }
            };
            threads.setThreadLimit(limits.threadsPerAddress());
            // Each insert wraps what is there: the last one inserted is the first a request meets.
            server.insertHandler(threads);
            server.insertHandler(new EagerContentHandler(
                    new EagerContentHandler.RetainedContentLoaderFactory(EAGER_BODY_BYTES, -1, false)));
            server.insertHandler(new MinimumDataRateHandler(limits.minBodyBytesPerSecond(), 0));
            server.insertHandler(new RefuseMultipart());
            server.addBean(new ConnectionsPerAddress(server, limits.connectionsPerAddress(), proxy::trusts));
        });
    }

    /**
     * Refuses multipart bodies from their headers: no route reads them, and reading one would spool it to disk.
     * Answering before the body is read can cut a client off mid-upload; an upload nobody reads is not worth more.
     */
    private static final class RefuseMultipart extends Handler.Wrapper {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
                Response.writeError(request, response, callback, 415,
                        "multipart bodies are not read here; send JSON or a form");
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
