package org.logitlab.web.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.logitlab.web.i18n.Messages;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Thymeleaf over the classpath {@code templates/} folder, with messages from the {@link Messages} bundles.
 * Templates are parsed once and cached; rendering either the whole page or a chosen set of its fragments.
 */
public final class Templates {
    private final TemplateEngine engine = new TemplateEngine();
    private final Map<String, String> webjars;

    public Templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(new BundleMessageResolver());
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(new AccessorExpressions());
        engine.setDialect(dialect);
        this.webjars = webjarVersions();
    }

    /** Renders the whole template, or only the named fragments when {@code fragments} is not empty. */
    public String render(String template, Set<String> fragments, Locale locale, Map<String, Object> model) {
        Context context = new Context(locale, model);
        context.setVariable("webjars", webjars);
        return fragments.isEmpty() ? engine.process(template, context) : engine.process(template, fragments, context);
    }

    /** A message from the bundle, for text built outside templates (e.g. an accessible label). */
    public static String message(Locale locale, String key, Object... args) {
        return Messages.message(locale, key, args);
    }

    /** The webjar versions the build wrote into {@code webjars.properties}, read once. */
    private static Map<String, String> webjarVersions() {
        Properties p = new Properties();
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream("webjars.properties")) {
            if (in == null) {
                throw new IllegalStateException("webjars.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("htmx", p.getProperty("htmx"), "chartjs", p.getProperty("chartjs"),
                "katex", p.getProperty("katex"));
    }

    private static final class BundleMessageResolver extends AbstractMessageResolver {
        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
            return Messages.find(context.getLocale(), key, parameters);
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                        Object[] parameters) {
            return "??" + key + "??";
        }
    }
}
