package org.logitlab.web.page;

import java.util.List;
import java.util.Locale;

import io.javalin.http.Context;

/** English or 简体中文: from {@code ?lang=}, then the {@code lang} cookie, then {@code Accept-Language}. */
public final class Locales {
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final List<String> SUPPORTED = List.of("en", "zh");

    private Locales() {
    }

    public static Locale of(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && SUPPORTED.contains(asked)) {
            ctx.cookie("lang", asked, 60 * 60 * 24 * 365);
            return forCode(asked);
        }
        return of(ctx.cookie("lang"), ctx.header("Accept-Language"));
    }

    /** From the {@code lang} cookie, then {@code Accept-Language}: for answers given before the app reads a request. */
    public static Locale of(String cookie, String header) {
        if (cookie != null && SUPPORTED.contains(cookie)) {
            return forCode(cookie);
        }
        if (header != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("zh")) {
                        return CHINESE;
                    }
                    if (tag.startsWith("en")) {
                        return Locale.ENGLISH;
                    }
                }
            } catch (IllegalArgumentException e) {
                return Locale.ENGLISH; // a malformed header is not worth an error page
            }
        }
        return Locale.ENGLISH;
    }

    /** The page's language for a code the page itself sends ("en" or "zh"); English for anything else. */
    static Locale forCode(String code) {
        return "zh".equals(code) ? CHINESE : Locale.ENGLISH;
    }
}
