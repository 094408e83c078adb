package dev.harness.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a record's fields straight from a parsed JSON object, for the decoders of the run log's
 * common kinds (issue 15): databind builds a deserializer per record type on its first use, and
 * that warm-up was most of a first read's cost. It reads only what it reads exactly as databind
 * would: text as text, integers as integers, an enum's wire name, arrays of text, objects as
 * they are. Anything else (a null, a number where text is expected, an unknown wire name, a
 * missing primitive) is a {@link Mismatch}: the caller then binds the object with databind, which
 * gives the same record or the same error as it always has. Fields the record does not have are
 * ignored, as databind ignores them.
 */
public final class DirectFields {
    /** The object holds something only databind reads (or refuses) exactly: bind it with databind. */
    public static final class Mismatch extends RuntimeException {
        private Mismatch() {
            super("not read directly; bound by databind", null, false, false);
        }
    }

    private static final Mismatch MISMATCH = new Mismatch();

    private final ObjectNode object;

    private DirectFields(ObjectNode object) {
        this.object = object;
    }

    /** The fields of {@code node}, which must be a JSON object. */
    public static DirectFields of(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw MISMATCH;
        }
        return new DirectFields(object);
    }

    private JsonNode present(String name) {
        JsonNode value = object.get(name);
        if (value != null && value.isNull()) {
            throw MISMATCH;
        }
        return value;
    }

    public String text(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw MISMATCH;
        }
        return value.textValue();
    }

    public Integer integer(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isInt()) {
            throw MISMATCH;
        }
        return value.intValue();
    }

    /** A primitive int: databind gives 0 for a missing one, which is read by databind. */
    public int requiredInt(String name) {
        Integer value = integer(name);
        if (value == null) {
            throw MISMATCH;
        }
        return value;
    }

    public Long longInteger(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isInt() && !value.isLong()) {
            throw MISMATCH;
        }
        return value.longValue();
    }

    public long requiredLong(String name) {
        Long value = longInteger(name);
        if (value == null) {
            throw MISMATCH;
        }
        return value;
    }

    /** A Double from an integer or a finite decimal (the log's numbers are parsed as BigDecimal). */
    public Double decimal(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (value.isInt() || value.isLong()) {
            return (double) value.longValue();
        }
        if (!value.isBigDecimal()) {
            throw MISMATCH;
        }
        double d = value.doubleValue();
        if (Double.isInfinite(d)) {
            throw MISMATCH;
        }
        return d;
    }

    public Boolean bool(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw MISMATCH;
        }
        return value.booleanValue();
    }

    public boolean requiredBool(String name) {
        Boolean value = bool(name);
        if (value == null) {
            throw MISMATCH;
        }
        return value;
    }

    public <E extends Enum<E> & WireName> E wire(String name, Class<E> type) {
        String text = text(name);
        return text == null ? null : wireName(text, type);
    }

    private static <E extends Enum<E> & WireName> E wireName(String text, Class<E> type) {
        Optional<E> found = Wire.find(type, text);
        if (found.isEmpty()) {
            throw MISMATCH;
        }
        return found.get();
    }

    public List<String> texts(String name) {
        return list(name, element -> {
            if (!element.isTextual()) {
                throw MISMATCH;
            }
            return element.textValue();
        });
    }

    public <E extends Enum<E> & WireName> List<E> wires(String name, Class<E> type) {
        return list(name, element -> {
            if (!element.isTextual()) {
                throw MISMATCH;
            }
            return wireName(element.textValue(), type);
        });
    }

    private <T> List<T> list(String name, Function<JsonNode, T> element) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw MISMATCH;
        }
        List<T> out = new ArrayList<>(value.size());
        for (JsonNode e : value) {
            out.add(element.apply(e));
        }
        return out;
    }

    public ObjectNode object(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw MISMATCH;
        }
        return (ObjectNode) value;
    }

    public ArrayNode array(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw MISMATCH;
        }
        return (ArrayNode) value;
    }

    /** Any JSON value but null, as it is (a record field typed JsonNode). */
    public JsonNode node(String name) {
        return present(name);
    }

    /** A nested record, read by {@code reader} from the field's object. */
    public <T> T nested(String name, Function<DirectFields, T> reader) {
        JsonNode value = present(name);
        return value == null ? null : reader.apply(of(value));
    }
}
