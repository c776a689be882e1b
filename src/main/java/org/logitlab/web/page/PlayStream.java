package org.logitlab.web.page;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsMessageContext;

import org.logitlab.core.DivergedException;
import org.logitlab.core.InvalidConfigException;
import org.logitlab.text.Reason;
import org.logitlab.web.TrustedProxy;
import org.logitlab.web.input.FieldError;
import org.logitlab.web.input.FieldReader;
import org.logitlab.web.input.Json;
import org.logitlab.web.run.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Play over a WebSocket: each message asks for a step exactly as the page's step request does, with the same
 * fields as a JSON object, and is answered by one message holding the same out-of-band fragments. The page keeps
 * one or two requests in flight and applies each answer in its own animation frame; a session's messages are
 * handled one after another, so the answers come in the order asked. A refusal is answered with the message
 * fragment, as an htmx request's would be. The playground ({@code /lab/stream}) and the comparison
 * ({@code /compare/stream}) each register their own.
 *
 * <p>An answer may come in two messages: the fragments the page paints at once, then, marked {@link #LATER}, those
 * it puts in after that paint (the playground's gradient table when it is out of view or while playing). The page
 * neither parses nor lays out the second before the step is on screen.
 */
final class PlayStream {
    private static final Logger LOG = LoggerFactory.getLogger(PlayStream.class);

    /** What starts a message of fragments that the page puts in after the answer before it is painted. */
    static final String LATER = "<!--later-->";

    /** What a stream does with one message: the answer's fragments. */
    interface Steps {
        Answer answer(JsonNode body, Locale locale, String client);
    }

    /**
     * The fragments of one answer: those to paint at once, and those for after the paint (or null), rendered only
     * once the first message is on its way.
     */
    record Answer(String now, Supplier<String> later) {
        static Answer of(String now) {
            return new Answer(now, null);
        }
    }

    private final ErrorPage errors;

    PlayStream(ErrorPage errors) {
        this.errors = errors;
    }

    /** A stream at {@code path} whose messages may hold {@code fields} (and {@code lang}). */
    void register(RoutesConfig routes, String path, Set<String> fields, Steps steps) {
        routes.ws(path, ws -> ws.onMessage(ctx -> step(ctx, fields, steps)));
    }

    private void step(WsMessageContext ctx, Set<String> fields, Steps steps) {
        Locale locale = Locale.ENGLISH;
        try {
            JsonNode body = Json.body(ctx.message());
            // The language first, so that a refusal of the other fields is said in it.
            locale = Locales.forCode(body.isObject() ? text(body, "lang") : null);
            body = Json.optionalObject(body, fields);
            Answer answer = steps.answer(body, locale, client(ctx));
            ctx.send(answer.now());
            if (answer.later() != null) {
                sendLater(ctx, answer.later());
            }
        } catch (FieldError e) {
            ctx.send(errors.fragment(locale, e.field(), e.reason()));
        } catch (InvalidConfigException e) {
            ctx.send(errors.fragment(locale, e.field(), e.reason()));
        } catch (DivergedException e) {
            ctx.send(errors.fragment(locale, "step", e.reason()));
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on a play stream", e);
            ctx.send(errors.fragment(locale, "request", Reason.of("error.http.serverFault")));
        }
    }

    /**
     * The second message. The step is already taken and shown, so a failure here is logged, not answered: an error
     * message would be counted as the answer to a step still in flight. The next step's table puts it right.
     */
    private static void sendLater(WsMessageContext ctx, Supplier<String> later) {
        String html;
        try {
            html = later.get();
        } catch (RuntimeException e) {
            LOG.error("unexpected failure rendering a play stream's second message", e);
            return;
        }
        ctx.send(LATER + html);
    }

    /** A field of a message as text, or null. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The message's {@code count}: steps per answer, 1 when it has none. */
    static int count(JsonNode body) {
        return body.has("count") ? (int) FieldReader.TEXT.integer(body.get("count"), "count", 1,
                RunService.MAX_STEPS_PER_REQUEST) : 1;
    }

    private static String client(WsMessageContext ctx) {
        String behindProxy = TrustedProxy.clientOf(ctx);
        if (behindProxy != null) {
            return behindProxy;
        }
        SocketAddress address = ctx.session.getRemoteSocketAddress();
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
