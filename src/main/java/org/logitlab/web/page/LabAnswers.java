package org.logitlab.web.page;

import static org.logitlab.web.page.PageRequest.isHtmx;
import static org.logitlab.web.page.PageRequest.presentation;

import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import org.logitlab.web.input.FieldError;
import org.logitlab.web.page.LabState.Change;

/**
 * How the page's routes answer once they have the state to show: htmx gets the lab's fragments as HTML, with the
 * loss landscape the request asks for; anything else gets a redirect to the permalink, so that the page works
 * without JavaScript too.
 */
final class LabAnswers {
    private final LabService lab;
    private final LabRenderer renderer;

    LabAnswers(LabService lab, Templates templates) {
        this.lab = lab;
        this.renderer = new LabRenderer(templates, lab.permalink());
    }

    /** A move of the run (step, back, seek, reset, tuning): the step fragments, or a redirect. */
    void move(Context ctx, LabState state, Inspection inspection) {
        Presentation shown = presentation(ctx);
        if (!isHtmx(ctx)) {
            ctx.redirect("/?" + state.query() + shown.lesson().query(), HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, moveFragments(ctx.ip(), state, inspection, shown, Set.of()).now());
    }

    /**
     * What a move changes, out of band, for an htmx request and the play stream alike; {@code later}'s fragments
     * apart, for the stream to send in a message of their own.
     */
    PlayStream.Answer moveFragments(String client, LabState state, Inspection inspection, Presentation shown,
                                    Set<Fragment> later) {
        return renderer.move(lab.withLandscape(client, state, shown.landscape()), inspection, shown, later);
    }

    /** New data (or none): the lab swapped in whole, or a redirect to its permalink. */
    void newData(Context ctx, LabState state) {
        Presentation shown = presentation(ctx);
        String address = "/?" + state.query() + shown.lesson().query();
        if (!isHtmx(ctx)) {
            ctx.redirect(address, HttpStatus.SEE_OTHER);
            return;
        }
        ctx.header("HX-Replace-Url", address);
        render(ctx, state, null, shown, false, Views.Message.NONE, Fragment.NEW_LAB);
    }

    /** The given fragments of the lab (the whole page when {@code fragments} is empty) as the answer. */
    void render(Context ctx, LabState state, Inspection inspection, Presentation shown, boolean oob,
                Views.Message message, Set<Fragment> fragments) {
        boolean drawn = fragments.isEmpty() || fragments.contains(Fragment.LAB)
                || fragments.contains(Fragment.LANDSCAPE);
        html(ctx, renderer.lab(drawn ? withLandscape(ctx, state, shown) : state, inspection, shown, oob, message,
                fragments));
    }

    /**
     * The state with the landscape the request asks for. A pair that a new run of the controls no longer has (fewer
     * features, fewer classes) gives way to the default pair; a link's is refused.
     */
    private LabState withLandscape(Context ctx, LabState state, Presentation shown) {
        try {
            return lab.withLandscape(ctx.ip(), state, shown.landscape());
        } catch (FieldError e) {
            if (isHtmx(ctx) && state instanceof LabState.Live live && live.change() == Change.NEW) {
                return lab.withLandscape(ctx.ip(), state, "auto");
            }
            throw e;
        }
    }

    private static void html(Context ctx, String html) {
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html);
    }
}
