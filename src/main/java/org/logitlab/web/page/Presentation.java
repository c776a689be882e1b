package org.logitlab.web.page;

import java.util.Locale;

/**
 * How a request asks for the page to be shown, apart from the run: its language, the lesson's settings, and the
 * class a click adds on a custom canvas (0-based).
 */
record Presentation(Locale locale, Lesson lesson, int newClass) {
    static final Presentation EXPORT = new Presentation(Locale.ENGLISH, Lesson.PLAIN, 0);
}
