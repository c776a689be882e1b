package org.logitlab.web.page;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.logitlab.web.run.Permalink;

/**
 * The page's one render path: the lab template's fragments for one scene, for the page's requests, the play
 * stream and the SVG export alike, so that the first render and every update are the same markup.
 */
final class LabRenderer {
    private final Templates templates;
    private final Permalink permalink;

    LabRenderer(Templates templates, Permalink permalink) {
        this.templates = templates;
        this.permalink = permalink;
    }

    /** The given fragments of the lab template (the whole page when {@code fragments} is empty). */
    String lab(LabState state, Inspection inspection, Presentation shown, boolean oob, Views.Message message,
               Set<Fragment> fragments) {
        LabViews.Scene scene = new LabViews.Scene(state, inspection, shown.locale(), oob, message, permalink,
                shown.lesson(), shown.newClass());
        return templates.render("lab", selectors(fragments), shown.locale(), LabViews.model(scene, fragments));
    }

    /**
     * What a move of the run changes, swapped out of band: the step fragments, the inspector and the loss landscape
     * when open; in two parts: all but {@code later}, then {@code later}'s fragments alone (null when none of them is
     * part of the move), the second rendered when asked for, after the first is sent.
     */
    PlayStream.Answer move(LabState state, Inspection inspection, Presentation shown, Set<Fragment> later) {
        Set<Fragment> now = moved(state, inspection);
        Set<Fragment> after = EnumSet.noneOf(Fragment.class);
        for (Fragment f : later) {
            if (now.remove(f)) {
                after.add(f);
            }
        }
        return new PlayStream.Answer(lab(state, inspection, shown, true, Views.Message.NONE, now),
                after.isEmpty() ? null : () -> lab(state, inspection, shown, true, Views.Message.NONE, after));
    }

    private static Set<Fragment> moved(LabState state, Inspection inspection) {
        Set<Fragment> fragments = EnumSet.copyOf(Fragment.STEP);
        if (inspection != null) {
            // A closed inspector does not change with the step: it is left out of the swap.
            fragments.add(Fragment.INSPECTOR);
        }
        if (state instanceof LabState.Live live && live.landscape() != null) {
            fragments.add(Fragment.LANDSCAPE);
        }
        return fragments;
    }

    /** The plot as a standalone SVG: its three layers under one frame. */
    String plotExport(LabState.Live state) {
        Presentation shown = Presentation.EXPORT;
        LabViews.Scene scene = new LabViews.Scene(state, null, shown.locale(), false, Views.Message.NONE, permalink,
                shown.lesson(), shown.newClass());
        return templates.render("plot-export", Set.of(), shown.locale(), LabViews.model(scene,
                EnumSet.of(Fragment.PLOT_UNDER, Fragment.PLOT_POINTS, Fragment.PLOT_OVER)));
    }

    private static Set<String> selectors(Set<Fragment> fragments) {
        Set<String> out = new LinkedHashSet<>();
        for (Fragment f : fragments) {
            out.add(f.selector());
        }
        return out;
    }
}
