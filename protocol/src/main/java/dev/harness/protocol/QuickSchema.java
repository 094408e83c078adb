package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The suite's schemas as a tree of plain checks (issue 15): answers only "is this message valid?",
 * without networknt, whose class loading, registry and compilation cost more at start-up than a
 * service's whole first request and whose walk costs several times this one per message.
 *
 * <p>A check answers {@link Verdict#VALID} only where networknt would report no violation; where the
 * two could disagree (a number written with a fraction for an {@code integer}, strings with
 * surrogate pairs under a length limit, numbers of different kinds under {@code const}…) it answers
 * {@link Verdict#UNKNOWN}, and anything but VALID sends the message to networknt, which produces the
 * violations. So every error text stays networknt's; this tree only spares the valid messages.
 * {@link QuickSchemaCompiler} builds it; QuickSchemaTest compares the verdicts with networknt's.
 */
final class QuickSchema {
    private QuickSchema() {}

    enum Verdict {
        VALID, INVALID, UNKNOWN;

        /** not: VALID ↔ INVALID, UNKNOWN stays. */
        Verdict negate() {
            return this == VALID ? INVALID : this == INVALID ? VALID : UNKNOWN;
        }
    }

    /** One compiled schema (or one keyword of it). */
    interface Check {
        Verdict judge(JsonNode node);
    }

    static final Check ACCEPT_ALL = node -> Verdict.VALID;
    static final Check REJECT_ALL = node -> Verdict.INVALID;

    /** Every check must hold: the first that does not decides (an INVALID or UNKNOWN is enough to ask networknt). */
    record AllOf(Check[] checks) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            for (Check check : checks) {
                Verdict verdict = check.judge(node);
                if (verdict != Verdict.VALID) {
                    return verdict;
                }
            }
            return Verdict.VALID;
        }
    }

    record AnyOf(Check[] checks) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            Verdict result = Verdict.INVALID;
            for (Check check : checks) {
                Verdict verdict = check.judge(node);
                if (verdict == Verdict.VALID) {
                    return Verdict.VALID;
                }
                if (verdict == Verdict.UNKNOWN) {
                    result = Verdict.UNKNOWN;
                }
            }
            return result;
        }
    }

    record OneOf(Check[] checks) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            int valid = 0;
            boolean unknown = false;
            for (Check check : checks) {
                Verdict verdict = check.judge(node);
                if (verdict == Verdict.VALID) {
                    valid++;
                } else if (verdict == Verdict.UNKNOWN) {
                    unknown = true;
                }
            }
            if (valid > 1) {
                return Verdict.INVALID;
            }
            return unknown ? Verdict.UNKNOWN : valid == 1 ? Verdict.VALID : Verdict.INVALID;
        }
    }

    record Not(Check check) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            return check.judge(node).negate();
        }
    }

    /** if/then/else; a missing then or else is VALID. */
    record IfThenElse(Check condition, Check then, Check otherwise) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            return switch (condition.judge(node)) {
                case VALID -> then.judge(node);
                case INVALID -> otherwise.judge(node);
                case UNKNOWN -> Verdict.UNKNOWN;
            };
        }
    }

    /** A {@code $ref}: the target is set once compiled, so references may be recursive. */
    static final class Ref implements Check {
        private Check target;

        void resolve(Check check) {
            this.target = check;
        }

        @Override
        public Verdict judge(JsonNode node) {
            return target.judge(node);
        }
    }

    /** The JSON types a {@code type} keyword names, as a bit set. */
    static final int OBJECT = 1, ARRAY = 2, STRING = 4, NUMBER = 8, INTEGER = 16, BOOLEAN = 32, NULL = 64;

    static int typeBit(String name) {
        return switch (name) {
            case "object" -> OBJECT;
            case "array" -> ARRAY;
            case "string" -> STRING;
            case "number" -> NUMBER;
            case "integer" -> INTEGER;
            case "boolean" -> BOOLEAN;
            case "null" -> NULL;
            default -> throw new IllegalArgumentException("unknown type '" + name + "'");
        };
    }

    record Type(int allowed) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            int bit = switch (node.getNodeType()) {
                case OBJECT -> OBJECT;
                case ARRAY -> ARRAY;
                case STRING -> STRING;
                case BOOLEAN -> BOOLEAN;
                case NULL -> NULL;
                case NUMBER -> node.isIntegralNumber() ? INTEGER : NUMBER;
                default -> 0; // missing, binary, POJO: networknt decides
            };
            if (bit == 0) {
                return Verdict.UNKNOWN;
            }
            if ((allowed & bit) != 0 || (bit == INTEGER && (allowed & NUMBER) != 0)) {
                return Verdict.VALID;
            }
            // 1.0 for an integer: the drafts since 6 call it one; leave that to networknt.
            return bit == NUMBER && (allowed & INTEGER) != 0 ? Verdict.UNKNOWN : Verdict.INVALID;
        }
    }

    record Const(JsonNode value) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            return equal(value, node);
        }
    }

    record Enum(JsonNode[] values) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            Verdict result = Verdict.INVALID;
            for (JsonNode value : values) {
                Verdict verdict = equal(value, node);
                if (verdict == Verdict.VALID) {
                    return Verdict.VALID;
                }
                if (verdict == Verdict.UNKNOWN) {
                    result = Verdict.UNKNOWN;
                }
            }
            return result;
        }
    }

    /** JSON equality, where numbers (1 vs 1.0, int vs long nodes) or containers holding them are left to networknt. */
    static Verdict equal(JsonNode expected, JsonNode node) {
        if (expected.equals(node)) {
            return Verdict.VALID;
        }
        if (expected.isValueNode() && !expected.isNumber() && node.isValueNode() && !node.isNumber()) {
            return Verdict.INVALID; // strings, booleans, null: equals is exact
        }
        if (expected.getNodeType() != node.getNodeType()) {
            return Verdict.INVALID; // an object is never an array, a number never a string
        }
        return Verdict.UNKNOWN;
    }

    /** minLength/maxLength count code points; a string with surrogate pairs is left to networknt. */
    record Length(int min, int max) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            if (!node.isTextual()) {
                return Verdict.VALID;
            }
            String text = node.textValue();
            int length = text.length();
            if (length >= min && length <= max) {
                return hasSurrogates(text) ? Verdict.UNKNOWN : Verdict.VALID;
            }
            return hasSurrogates(text) ? Verdict.UNKNOWN : Verdict.INVALID;
        }

        private static boolean hasSurrogates(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isSurrogate(text.charAt(i))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** pattern: java.util.regex, unanchored (find), as networknt's JDK regular expressions. */
    record Matches(Pattern pattern) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            if (!node.isTextual()) {
                return Verdict.VALID;
            }
            return pattern.matcher(node.textValue()).find() ? Verdict.VALID : Verdict.INVALID;
        }
    }

    /** minimum / maximum / exclusiveMinimum / exclusiveMaximum on integers; fractions are left to networknt. */
    record Bound(BigDecimal limit, boolean lower, boolean exclusive) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            if (!node.isNumber()) {
                return Verdict.VALID;
            }
            int c;
            if (node.isIntegralNumber()) {
                c = node.canConvertToLong() ? BigDecimal.valueOf(node.longValue()).compareTo(limit)
                        : new BigDecimal(node.bigIntegerValue()).compareTo(limit);
            } else {
                // a fraction against a small whole limit: any exact or double comparison agrees, but on the limit itself
                if (!smallWholeLimit()) {
                    return Verdict.UNKNOWN;
                }
                c = node.decimalValue().compareTo(limit);
                if (c == 0) {
                    return Verdict.UNKNOWN;
                }
            }
            boolean ok = lower ? (exclusive ? c > 0 : c >= 0) : (exclusive ? c < 0 : c <= 0);
            return ok ? Verdict.VALID : Verdict.INVALID;
        }

        private boolean smallWholeLimit() {
            return limit.stripTrailingZeros().scale() <= 0 && limit.abs().compareTo(BigDecimal.valueOf(1L << 52)) < 0;
        }
    }

    /** The object keywords together: properties, additionalProperties, required, propertyNames, dependentRequired. */
    record ObjectShape(Map<String, Check> properties, Check additional, String[] required, Check names,
                       Map<String, String[]> dependentRequired) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            if (!node.isObject()) {
                return Verdict.VALID;
            }
            for (String name : required) {
                if (!node.has(name)) {
                    return Verdict.INVALID;
                }
            }
            for (Map.Entry<String, String[]> dependency : dependentRequired.entrySet()) {
                if (node.has(dependency.getKey())) {
                    for (String name : dependency.getValue()) {
                        if (!node.has(name)) {
                            return Verdict.INVALID;
                        }
                    }
                }
            }
            if (properties.isEmpty() && additional == null && names == null) {
                return Verdict.VALID;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (names != null) {
                    Verdict verdict = names.judge(Json.MAPPER.getNodeFactory().textNode(field.getKey()));
                    if (verdict != Verdict.VALID) {
                        return verdict;
                    }
                }
                Check check = properties.get(field.getKey());
                if (check == null) {
                    check = additional;
                }
                if (check != null) {
                    Verdict verdict = check.judge(field.getValue());
                    if (verdict != Verdict.VALID) {
                        return verdict;
                    }
                }
            }
            return Verdict.VALID;
        }
    }

    /** The array keywords together: items, minItems, maxItems, uniqueItems. */
    record ArrayShape(Check items, int min, int max, boolean unique) implements Check {
        @Override
        public Verdict judge(JsonNode node) {
            if (!node.isArray()) {
                return Verdict.VALID;
            }
            int size = node.size();
            if (size < min || size > max) {
                return Verdict.INVALID;
            }
            if (items != null) {
                for (JsonNode item : node) {
                    Verdict verdict = items.judge(item);
                    if (verdict != Verdict.VALID) {
                        return verdict;
                    }
                }
            }
            return unique ? unique(node) : Verdict.VALID;
        }

        /** Duplicates by exact equality are duplicates; distinct numbers or containers might not be (1 vs 1.0). */
        private static Verdict unique(JsonNode array) {
            Set<JsonNode> seen = new HashSet<>();
            boolean exact = true;
            for (JsonNode item : array) {
                if (!seen.add(item)) {
                    return Verdict.INVALID;
                }
                exact &= item.isTextual() || item.isBoolean() || item.isNull();
            }
            return exact ? Verdict.VALID : Verdict.UNKNOWN;
        }
    }

    static Check allOf(List<Check> checks) {
        return switch (checks.size()) {
            case 0 -> ACCEPT_ALL;
            case 1 -> checks.get(0);
            default -> new AllOf(checks.toArray(Check[]::new));
        };
    }
}
