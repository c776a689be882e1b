package org.logitlab.web.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Thymeleaf over the classpath {@code templates/} folder, with messages from the {@code i18n/messages} bundles.
 * Templates are parsed once and cached; rendering either the whole page or a chosen set of its fragments.
 */
public final class Templates {
    public static final String BUNDLE = "i18n.messages";
    /** English is the base bundle; never fall back to the JVM's own locale. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
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
        this.webjars = webjarVersions();
    }

    /** Renders the whole template, or only the named fragments when {@code fragments} is not empty. */
    public String render(String template, Set<String> fragments, Locale locale, Map<String, Object> model) {
        Context context = new Context(locale, model);
        context.setVariable("webjars", webjars);
        return fragments.isEmpty() ? engine.process(template, context) : engine.process(template, fragments, context);
    }

    /** A message from the bundle, for text built outside templates (e.g. error messages on the page). */
    public static String message(Locale locale, String key, Object... args) {
        String text = find(locale, key, args);
        return text == null ? key : text;
    }

    /** The bundle per language: ResourceBundle.getBundle looks up candidate locales on every call. */
    private static final Map<Locale, ResourceBundle> BUNDLES = new ConcurrentHashMap<>();
    /** Parsed patterns, one per language and key: a step renders dozens of messages. */
    private static final Map<String, MessageFormat> FORMATS = new ConcurrentHashMap<>();

    /** The message, formatted with {@code args}, or null when the bundle has no such key. */
    private static String find(Locale locale, String key, Object[] args) {
        try {
            ResourceBundle bundle = BUNDLES.computeIfAbsent(locale, l -> ResourceBundle.getBundle(BUNDLE, l, CONTROL));
            if (args == null || args.length == 0) {
                return bundle.getString(key);
            }
            MessageFormat format = FORMATS.computeIfAbsent(locale + "|" + key,
                    k -> new MessageFormat(bundle.getString(key), locale));
            synchronized (format) { // MessageFormat is not thread-safe
                return format.format(args);
            }
        } catch (MissingResourceException e) {
            return null;
        }
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
            return find(context.getLocale(), key, parameters);
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                        Object[] parameters) {
            return "??" + key + "??";
        }
    }
}
