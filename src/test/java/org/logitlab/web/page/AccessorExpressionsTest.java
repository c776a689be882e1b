package org.logitlab.web.page;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccessorExpressionsTest {
    public record Name(String text) {
    }

    public record Cell(Name name, Double value, List<String> tags) {
        public String fails() {
            throw new IllegalStateException("no");
        }

        public static String made() {
            return "static";
        }
    }

    record Hidden(String text) {
    }

    private final AtomicInteger ognlCalls = new AtomicInteger();

    private static TemplateEngine engine(IStandardVariableExpressionEvaluator evaluator) {
        TemplateEngine engine = new TemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(evaluator);
        engine.setDialect(dialect);
        return engine;
    }

    /** The attributes an expression is tried in: plain text, and two of Thymeleaf's restricted contexts. */
    private static final List<String> PLACES = List.of("th:text=\"%s\"", "th:attr=\"data-x=%s\"",
            "th:onclick=\"%s\"");

    private String render(TemplateEngine engine, String expression) {
        return render(engine, PLACES.get(0), expression);
    }

    private String render(TemplateEngine engine, String place, String expression) {
        Map<String, Object> map = new HashMap<>();
        map.put("weight", "0.25");
        map.put("size", "entry");
        map.put("none", null);
        map.put("not", "a word OGNL keeps for itself");
        Context context = new Context();
        context.setVariable("cell", new Cell(new Name("w₁"), 0.5, List.of("a", "b")));
        context.setVariable("empty", new Cell(null, null, List.of()));
        context.setVariable("m", map);
        context.setVariable("hidden", new Hidden("h"));
        context.setVariable("flag", true);
        context.setVariable("nil", null);
        context.setVariable("param", map);
        try {
            return engine.process("<p " + place.formatted(expression) + ">x</p>", context);
        } catch (RuntimeException e) {
            return "failed: " + e.getClass().getSimpleName();
        }
    }

    /** An engine whose OGNL counts the expressions handed to it. */
    private TemplateEngine counted() {
        OGNLVariableExpressionEvaluator ognl = new OGNLVariableExpressionEvaluator(true);
        return engine(new AccessorExpressions((context, expression, execution) -> {
            ognlCalls.incrementAndGet();
            return ognl.evaluate(context, expression, execution);
        }));
    }

    @Test
    void every_expression_renders_as_ognl_renders_it() {
        TemplateEngine ognl = engine(new OGNLVariableExpressionEvaluator(true));
        TemplateEngine fast = engine(new AccessorExpressions());
        for (String expression : List.of("${cell.name().text()}", "${cell.value()}", "${cell.tags()}",
                "${cell.tags().size()}", "${cell.name()}", "${empty.name()}", "${empty.name().text()}",
                "${empty.value()}", "${m.weight}", "${m.size}", "${m.none}", "${m.missing}", "${cell.missing()}",
                "${cell.fails()}", "${hidden.text()}", "${cell.name().text() + '!'}", "${{cell.value()}}",
                "${cell.tags()[1]}", "${nothing.text()}", "${cell . name().text()}", "${cell.name}", "${m.not}",
                "${cell.made()}", "${flag}", "${nil}", "${nothing}", "${null}", "${flag} ? 'on'",
                "${nil} ? 'on'", "${m.weight} ?: 'none'", "${param.weight}", "${param}", "${cell.value()} + 1",
                "${#strings.length(m.weight)}", "${m}")) {
            for (String place : PLACES) {
                assertEquals(render(ognl, place, expression), render(fast, place, expression),
                        expression + " in " + place);
            }
        }
    }

    @Test
    void a_chain_of_accessors_and_map_keys_is_evaluated_without_ognl() {
        TemplateEngine engine = counted();
        render(engine, "${cell.name().text()}");
        render(engine, "${m.weight}");
        render(engine, "${empty.value()}");
        render(engine, "${hidden.text()}"); // a package-private record, as the page's views are
        render(engine, "${flag}");
        render(engine, "${flag} ? 'on'"); // Thymeleaf's missing else is ${null}
        for (String place : PLACES) {
            render(engine, place, "${cell.name().text()}");
        }
        assertEquals(0, ognlCalls.get());
    }

    @Test
    void a_chain_that_meets_a_null_a_missing_name_or_a_failure_is_left_to_ognl() {
        for (String expression : List.of("${empty.name().text()}", "${cell.missing()}", "${m.missing}",
                "${m.size}", "${cell.fails()}", "${cell.tags()[0]}", "${cell.made()}", "${nothing}",
                "${param.weight}")) {
            ognlCalls.set(0);
            render(counted(), expression);
            assertEquals(1, ognlCalls.get(), expression);
        }
    }
}
