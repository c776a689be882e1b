package org.logitlab.web.input;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;


/** Reading request bodies strictly: one JSON value, no duplicated fields, no unknown fields, clear complaints. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private Json() {
    }

    /** The parsed body, or a missing node when the body is empty. */
    public static JsonNode body(String text) {
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            Matcher m = DUPLICATE.matcher(e.getOriginalMessage());
            if (m.find()) {
                throw FieldError.invalid(duplicatePath(e, m.group(1)), "error.json.duplicate");
            }
            String reason = e.getOriginalMessage().replaceAll("\\s+", " ")
                    .replaceAll("\\s*\\(?(start marker|at \\[Source).*$", "");
            throw FieldError.invalid("body", "error.json.invalid", reason);
        }
    }

    /** The dotted path of a duplicated field, e.g. {@code dataset.n}, from the parser's position. */
    private static String duplicatePath(JsonProcessingException e, String name) {
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            String pointer = read.getProcessor().getParsingContext().pathAsPointer().toString();
            if (!pointer.isEmpty()) {
                return pointer.substring(1).replace('/', '.');
            }
        }
        return name;
    }

    /** A body that is empty or an object with only the given fields. */
    public static JsonNode optionalObject(String text, Set<String> allowed) {
        return optionalObject(body(text), allowed);
    }

    /** A parsed body that is missing or an object with only the given fields. */
    public static JsonNode optionalObject(JsonNode body, Set<String> allowed) {
        if (body.isMissingNode()) {
            return emptyObject();
        }
        if (!body.isObject()) {
            throw FieldError.invalid("body", "error.json.objectWith", String.join(", ", allowed));
        }
        rejectUnknown(body, allowed, "");
        return body;
    }

    /** Refuses a field of {@code node} not in {@code allowed}, naming it as {@code prefix + name}. */
    public static void rejectUnknown(JsonNode node, Set<String> allowed, String prefix) {
        for (String name : node.properties().stream().map(java.util.Map.Entry::getKey).toList()) {
            if (!allowed.contains(name)) {
                throw FieldError.invalid(prefix + name, "error.json.unknownField", String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        }
    }

    public static ObjectNode emptyObject() {
        return MAPPER.createObjectNode();
    }

    public static long integer(JsonNode node, String field, long min, long max) {
        return FieldReader.STRICT.integer(node, field, min, max);
    }

    public static double number(JsonNode node, String field, double min, double max, boolean minOpen) {
        return FieldReader.STRICT.number(node, field, min, max, minOpen);
    }

    /** An integer given as text: a path segment or a query parameter. */
    public static long integerText(String text, String field, long min, long max) {
        return FieldReader.TEXT.integer(TextNode.valueOf(text), field, min, max);
    }

    /** A value as JSON text (for JSON embedded in a page). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
