package org.logitlab.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse proxies whose forwarding headers the server believes ({@code LOGITLAB_TRUSTED_PROXY}: addresses or
 * CIDR ranges, comma-separated). A request that arrives from one of them gets two things from its headers:
 *
 * <ul>
 * <li>its client address, the key of every per-client limit ({@code ctx.ip()}): the last address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy, read from the right as nginx's
 * {@code real_ip_recursive} does. The entries to the left of it are whatever the client sent and are never read;</li>
 * <li>the id of a run it creates ({@value #NEW_RUN_HEADER}): a balancer that routes by run id names the run, so
 * that the run lives on the instance its id is routed to ({@code deploy/nginx.conf} sends nginx's
 * {@code $request_id}, which it also hashes on).</li>
 * </ul>
 *
 * From any other address both headers are ignored: a client cannot choose its own address or its run's id. With
 * no proxy trusted (the default) the client address is the connection's. And while the server stops, the proxy's
 * new requests are handed back unanswered, for it to retry them elsewhere ({@link HandBackWhileStopping}).
 */
public final class TrustedProxy {
    public static final String NEW_RUN_HEADER = "X-LogitLab-New-Run";
    public static final TrustedProxy NONE = new TrustedProxy(List.of(), "");
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String NEW_RUN_ATTRIBUTE = "logitlab.newRunId";
    private static final String CLIENT_ATTRIBUTE = "logitlab.client";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Starts with a hex digit or a colon and holds a colon: InetAddress then parses it or fails, never asks DNS. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** An address and how many of its leading bits a trusted address shares with it. */
    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
                if (((address[bit / 8] ^ network[bit / 8]) & mask) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrustedProxy.class);

    private final List<Range> ranges;
    private final String setting;

    private TrustedProxy(List<Range> ranges, String setting) {
        this.ranges = ranges;
        this.setting = setting;
    }

    /** The proxies {@code LOGITLAB_TRUSTED_PROXY} names; none when it is unset or empty. */
    public static TrustedProxy fromEnvironment(Map<String, String> env) {
        return parse(env.getOrDefault("LOGITLAB_TRUSTED_PROXY", ""));
    }

    /**
     * Reads {@code 127.0.0.1}, {@code 10.0.0.0/8, ::1} and the like. Only literal addresses: a host name would mean
     * a DNS lookup, and trusting whatever it answers.
     */
    public static TrustedProxy parse(String setting) {
        List<Range> ranges = new ArrayList<>();
        for (String item : setting.split(",")) {
            String text = item.trim();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("LOGITLAB_TRUSTED_PROXY: \"" + text
                        + "\" is not an IP address or CIDR range (such as 127.0.0.1 or 10.0.0.0/8)");
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("LOGITLAB_TRUSTED_PROXY: \"" + text
                            + "\" has a prefix length outside 0.." + address.length * 8);
                }
            }
            ranges.add(new Range(address, bits));
        }
        return new TrustedProxy(Collections.unmodifiableList(ranges), setting.trim());
    }

    /** Whether a request from {@code address} comes from a trusted proxy. */
    public boolean trusts(String address) {
        return trusts(literal(address));
    }

    /** Whether a connection from {@code address} comes from a trusted proxy. */
    public boolean trusts(InetAddress address) {
        return trusts(address.getAddress());
    }

    private boolean trusts(byte[] address) {
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
    }

    /**
     * The client behind a connection from {@code remoteAddress} that sent these {@code X-Forwarded-For} values
     * (each possibly a comma-separated list, in the order received).
     */
    public String clientAddress(String remoteAddress, List<String> forwardedFor) {
        if (!trusts(remoteAddress)) {
            return remoteAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = remoteAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = literal(hops.get(i));
            if (hop == null) {
                // Not an address: nothing to its left can be believed either.
                return client;
            }
            client = text(hop);
            if (!trusts(client)) {
                return client;
            }
        }
        return client;
    }

    /** The client behind a request as Jetty sees it (for Jetty's own handlers, before Javalin's). */
    public String clientAddress(Request request) {
        return clientAddress(Request.getRemoteAddr(request), request.getHeaders().getValuesList(FORWARDED_FOR));
    }

    /**
     * Makes {@code ctx.ip()} the client behind these proxies, reads the id they give a new run, and hands their
     * requests back while the server stops. Install it after Jetty's {@code GracefulHandler}, so that it wraps it.
     */
    void install(JavalinConfig config) {
        if (ranges.isEmpty()) {
            return;
        }
        LOG.info("behind the proxy {}: client addresses from X-Forwarded-For, new run ids from {}", setting,
                NEW_RUN_HEADER);
        config.jetty.modifyServer(server -> server.insertHandler(new HandBackWhileStopping()));
        config.contextResolver.ip = ctx -> clientAddress(ctx.req().getRemoteAddr(),
                Collections.list(ctx.req().getHeaders(FORWARDED_FOR)));
        // A WebSocket's messages have no request of their own: the client is read once, from its upgrade.
        config.routes.wsBeforeUpgrade(ctx -> ctx.attribute(CLIENT_ATTRIBUTE, ctx.ip()));
        config.routes.before(ctx -> {
            String id = ctx.header(NEW_RUN_HEADER);
            if (id != null && trusts(ctx.req().getRemoteAddr())) {
                ctx.attribute(NEW_RUN_ATTRIBUTE, id);
            }
        });
    }

    /**
     * The id a trusted proxy proposes for a run this request creates, or null. The run service keeps it only when
     * it is a well-formed run id that is not in use.
     */
    public static String newRunId(Context ctx) {
        return ctx.attribute(NEW_RUN_ATTRIBUTE);
    }

    /** The client behind the trusted proxy that opened this WebSocket, or null when it came from no such proxy. */
    public static String clientOf(WsContext ctx) {
        return ctx.attribute(CLIENT_ATTRIBUTE);
    }

    /**
     * While the server stops, Jetty answers 503 to a request that arrives on a connection the proxy had kept open,
     * and the proxy would pass that on (it does not retry a 503: the app says 503 when it is full, and there retrying
     * would mark a busy instance down). Closing the connection unanswered instead makes the proxy retry the request
     * on another instance, as after a crash. Requests in flight finish as before; other clients still get the 503.
     */
    private final class HandBackWhileStopping extends Handler.Wrapper {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (getServer().isStopping() && trusts(Request.getRemoteAddr(request))) {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new EofException("stopping: the proxy retries this request on another instance"));
                return true;
            }
            return super.handle(request, response, callback);
        }
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else (never a DNS lookup). */
    private static byte[] literal(String address) {
        if (address == null) {
            return null;
        }
        // Jetty writes an IPv6 remote address in brackets, as in a URL.
        String text = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (!(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            // Only literals reach here, and InetAddress parses a literal without asking DNS.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
