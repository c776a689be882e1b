package org.logitlab.web.page;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Set;

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
import org.logitlab.web.page.LabState.Change;
import org.logitlab.web.run.Move;
import org.logitlab.web.run.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Play over a WebSocket ({@code /lab/stream}): each message asks for a step exactly as {@code POST /lab/step} does
 * ({@code {"run", "state", "inspect", "count", "lang", "hide", "discretize", "landscape"}}) and is answered by one message holding the same
 * out-of-band fragments. The page keeps one or two requests in flight and applies each answer in its own animation
 * frame; a session's messages are handled one after another, so the answers come in the order asked. A refusal
 * is answered with the message fragment, as an htmx request's would be.
 */
final class PlayStream {
    private static final Logger LOG = LoggerFactory.getLogger(PlayStream.class);
    private static final Set<String> FIELDS = Set.of("run", "state", "inspect", "count", "lang", "hide",
            "discretize", "landscape");

    private final LabService lab;
    private final LabRenderer renderer;
    private final ErrorPage errors;

    PlayStream(LabService lab, LabRenderer renderer, ErrorPage errors) {
        this.lab = lab;
        this.renderer = renderer;
        this.errors = errors;
    }

    void register(RoutesConfig routes) {
        routes.ws("/lab/stream", ws -> ws.onMessage(this::step));
    }

    private void step(WsMessageContext ctx) {
        Locale locale = Locale.ENGLISH;
        try {
            JsonNode body = Json.body(ctx.message());
            // The language first, so that a refusal of the other fields is said in it.
            locale = Locales.forCode(body.isObject() ? text(body, "lang") : null);
            body = Json.optionalObject(body, FIELDS);
            Presentation shown = new Presentation(locale, Lesson.of(text(body, "hide"), text(body, "discretize")), 0,
                    text(body, "landscape"));
            int count = body.has("count") ? (int) FieldReader.TEXT.integer(body.get("count"), "count", 1,
                    RunService.MAX_STEPS_PER_REQUEST) : 1;
            Inspection inspection = Inspection.parse(text(body, "inspect"));
            LabService.Ref ref = new LabService.Ref(client(ctx), text(body, "run"), text(body, "state"));
            LabState state = lab.act(ref, inspection, Change.STEP, Move.steps(count));
            ctx.send(renderer.move(lab.withLandscape(ref.client(), state, shown.landscape()), inspection, shown));
        } catch (FieldError e) {
            ctx.send(errors.fragment(locale, e.field(), e.reason()));
        } catch (InvalidConfigException e) {
            ctx.send(errors.fragment(locale, e.field(), e.reason()));
        } catch (DivergedException e) {
            ctx.send(errors.fragment(locale, "step", e.reason()));
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on the play stream", e);
            ctx.send(errors.fragment(locale, "request", Reason.of("error.http.serverFault")));
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
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
