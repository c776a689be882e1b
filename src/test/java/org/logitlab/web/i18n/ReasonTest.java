package org.logitlab.web.i18n;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.logitlab.core.Feature;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.InvalidConfigException;
import org.logitlab.data.CsvPoints;
import org.logitlab.data.InvalidDatasetException;
import org.logitlab.text.Reason;
import org.logitlab.web.input.FieldError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A refusal is said in either language from its key and arguments: nested phrases in the same language, numbers
 * without grouping; the English is the exception's own message. For the refusals of the core and data packages no
 * request reaches (the web checks first, or nothing uploads a CSV file yet).
 */
class ReasonTest {
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    @Test
    void numbers_are_written_without_grouping_and_whole_doubles_without_a_point() {
        Reason r = Reason.of("error.integer.from", 1, 5000L, 20000.0);
        assertEquals("must be an integer from 1 to 5000; got 20000", Messages.english(r));
        assertEquals("必须是 1 到 5000 之间的整数；收到的是 20000", Messages.say(CHINESE, r));
        assertEquals("must be a number in (0, 100]; got 1.0E-7",
                Messages.english(Reason.of("error.number.in", "(0, 100]", 1e-7)));
    }

    @Test
    void a_field_errors_message_is_its_reason_in_english() {
        FieldError e = FieldError.invalid("n", "error.integer.from", 1, 5000, 2.5);
        assertEquals("must be an integer from 1 to 5000; got 2.5", e.getMessage());
        assertEquals("必须是 1 到 5000 之间的整数；收到的是 2.5", Messages.say(CHINESE, e.reason()));
    }

    @Test
    void the_cores_refusals_of_hyperparameters_and_features() {
        InvalidConfigException rate = assertThrows(InvalidConfigException.class, () -> new Hyperparameters(0, 0));
        assertEquals("must be a number in (0, 100]", rate.getMessage());
        assertEquals("必须是 (0, 100] 范围内的数", Messages.say(CHINESE, rate.reason()));
        assertEquals(rate.getMessage(), Messages.english(rate.reason()));

        InvalidConfigException none = assertThrows(InvalidConfigException.class, () -> new FeatureMap(List.of()));
        assertEquals("请至少选择一个特征，可选：" + Feature.allowedKeys(), Messages.say(CHINESE, none.reason()));
        InvalidConfigException twice = assertThrows(InvalidConfigException.class,
                () -> new FeatureMap(List.of(Feature.X1, Feature.X1)));
        assertEquals("每个特征只能出现一次", Messages.say(CHINESE, twice.reason()));
    }

    @Test
    void a_csv_problem_names_its_line_and_column_in_either_language() {
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> CsvPoints.parse("x,y,label\n1,2,a\n3,4,b\n5,oops,a\n"));
        assertEquals("csv", e.field());
        assertEquals("line 4: \"oops\" in column 2 (\"y\") is not a number", e.getMessage());
        assertEquals(e.getMessage(), Messages.english(e.reason()));
        assertEquals("第 4 行：第 2 列（\"y\"）中的 \"oops\" 不是数字", Messages.say(CHINESE, e.reason()));
    }
}
