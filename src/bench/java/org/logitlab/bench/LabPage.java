package org.logitlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.run.Permalink;

/**
 * Reaches the page's render path without HTTP. {@code LabModel.of} and the fragment sets of {@code PageRoutes}
 * are package-private in {@code web.page}; the benchmarks live in their own folder and must not add classes to
 * {@code src/main}, so they are looked up reflectively once and then called like any method.
 */
final class LabPage {
    private static final Method LAB_MODEL_OF;
    static final Set<String> STEP_FRAGMENTS;

    static {
        try {
            Class<?> labModel = Class.forName("org.logitlab.web.page.LabModel");
            Method of = null;
            for (Method m : labModel.getDeclaredMethods()) {
                if (m.getName().equals("of") && m.getParameterCount() == 8) {
                    of = m;
                }
            }
            if (of == null) {
                throw new IllegalStateException("LabModel.of(id, run, snapshot, permalink, locale, historyFrom, oob, "
                        + "inspection) has changed; update the benchmark");
            }
            of.setAccessible(true);
            LAB_MODEL_OF = of;
            Class<?> routes = Class.forName("org.logitlab.web.page.PageRoutes");
            Field fragments;
            try {
                // What a step swaps while the inspector is closed (the usual case), where the app has the choice.
                fragments = routes.getDeclaredField("WITHOUT_INSPECTOR");
            } catch (NoSuchFieldException e) {
                fragments = routes.getDeclaredField("STEP_FRAGMENTS");
            }
            fragments.setAccessible(true);
            @SuppressWarnings("unchecked")
            Set<String> set = (Set<String>) fragments.get(null);
            STEP_FRAGMENTS = set;
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LabPage() {
    }

    /** The template variables of the lab page, as {@code PageRoutes.render} builds them for a step swap. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> stepModel(String id, TrainingRun run, RunSnapshot s, Permalink permalink,
                                         int historyFrom) {
        try {
            Map<String, Object> model = (Map<String, Object>) LAB_MODEL_OF.invoke(null, id, run, s, permalink,
                    Locale.ENGLISH, historyFrom, true, null);
            model.put("oob", true);
            model.putIfAbsent("error", null);
            model.putIfAbsent("errorField", null);
            return model;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
