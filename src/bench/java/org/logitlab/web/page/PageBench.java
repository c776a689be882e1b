package org.logitlab.web.page;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.run.Permalink;

/**
 * The page's step answer without HTTP, for the benchmarks. It lives in the page's package (in the bench source
 * folder) so that it reaches the package-private views without reflection and without adding to {@code src/main}.
 */
public final class PageBench {
    /** The fragments a step swaps while the inspector is closed (the usual case). */
    public static final Set<String> STEP_FRAGMENTS = selectors(Fragment.STEP);
    /** The play stream's first message when the gradient table comes later (out of view, or playing). */
    public static final Set<String> FIRST_FRAGMENTS = selectors(first());

    private PageBench() {
    }

    /**
     * The template variables of the answer to a step that took the run from step {@code before} to {@code s}, as
     * {@code PageRoutes} builds them: the state read as {@code LabService} reads it (chart rows, permalink), then
     * the views of the step fragments.
     */
    public static Map<String, Object> stepModel(String id, TrainingRun run, RunSnapshot s, Permalink permalink,
                                                long before) {
        return model(id, run, s, permalink, before, Fragment.STEP);
    }

    /** {@link #stepModel} for the stream's first message alone. */
    public static Map<String, Object> firstModel(String id, TrainingRun run, RunSnapshot s, Permalink permalink,
                                                 long before) {
        return model(id, run, s, permalink, before, first());
    }

    private static Map<String, Object> model(String id, TrainingRun run, RunSnapshot s, Permalink permalink,
                                             long before, Set<Fragment> fragments) {
        LabState.Live state = LabService.read(permalink, id, run, s, LabState.Change.STEP, before);
        return LabViews.model(new LabViews.Scene(state, null, Locale.ENGLISH, true, Views.Message.NONE, permalink,
                Lesson.PLAIN, 0), fragments);
    }

    private static Set<Fragment> first() {
        Set<Fragment> out = EnumSet.copyOf(Fragment.STEP);
        out.remove(Fragment.GRADIENTS);
        return out;
    }

    private static Set<String> selectors(Set<Fragment> fragments) {
        Set<String> out = new LinkedHashSet<>();
        fragments.forEach(f -> out.add(f.selector()));
        return out;
    }
}
