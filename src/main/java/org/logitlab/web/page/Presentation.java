package org.logitlab.web.page;

import java.util.Locale;

/**
 * How a request asks for the page to be shown, apart from the run: its language, the lesson's settings, the class
 * a click adds on a custom canvas (0-based), and the loss landscape's field ({@link LandscapeAsk}; empty: closed).
 */
record Presentation(Locale locale, Lesson lesson, int newClass, String landscape) {
    static final Presentation EXPORT = new Presentation(Locale.ENGLISH, Lesson.PLAIN, 0, "");

    Presentation withLandscape(String token) {
        return new Presentation(locale, lesson, newClass, token);
    }
}
