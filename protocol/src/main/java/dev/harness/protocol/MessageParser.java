package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one line of the wire — UTF-8 bytes — as one RFC 8259 JSON value, into the same Jackson
 * nodes {@link Json#MAPPER} would build. Written for the wire rather than taken from Jackson because
 * the wire needs what Jackson's parser does not give: member names with unpaired surrogate escapes
 * (valid JSON that Jackson 2.22 refuses), the id's exact text (echoed byte for byte), and limits
 * that refuse one value at its path while the rest of the line is still read, so the answer can
 * carry the request's id and name the field. Nesting past the depth limit is checked for syntax
 * without recursion and without building anything, so no line can exhaust the stack or the heap.
 */
public final class MessageParser {
    /** Problems listed per request at most; the rest are counted. */
    static final int MAX_PROBLEMS = 20;

    /** What one line holds. */
    public sealed interface ParsedLine {
        /** Only whitespace: ignored. */
        record Blank() implements ParsedLine {}

        /** Not JSON, or not UTF-8: -32700. */
        record Malformed(String reason) implements ParsedLine {}

        /** Valid JSON, but the line as a whole breaks a limit (batch size, values): -32600 with id null. */
        record OverLimit(WireLimits.Limit limit, String what) implements ParsedLine {}

        record Single(Incoming message) implements ParsedLine {}

        /** A JSON array: a batch (possibly empty, which is answered as one invalid request). */
        record Batch(List<Incoming> messages) implements ParsedLine {}
    }

    private static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final WireLimits limits;
    private final byte[] in;
    private final int end;
    private int pos;
    /** False once the line broke a line-wide limit: the rest is only checked for syntax. */
    private boolean building = true;
    /** Above zero while skipping past the depth limit. */
    private int skipping;
    private int values;
    private WireLimits.Limit lineLimit;
    private String lineLimitWhat;

    // the request being read
    private String rawId;
    private List<Incoming.Problem> problems = new ArrayList<>();
    private int problemsDropped;
    private boolean droppedOutsideParams;
    private boolean inParams;
    private final String[] segments;
    private final int[] indexes;
    private int pathLength;

    private MessageParser(byte[] in, int length, WireLimits limits) {
        this.in = in;
        this.end = length;
        this.limits = limits;
        this.segments = new String[limits.maxDepth() + 2];
        this.indexes = new int[limits.maxDepth() + 2];
    }

    /** Parses {@code bytes[0..length)}, one line without its line terminator. */
    public static ParsedLine parse(byte[] bytes, int length, WireLimits limits) {
        return new MessageParser(bytes, length, limits).line();
    }

    public static ParsedLine parse(String line, WireLimits limits) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, bytes.length, limits);
    }

    private ParsedLine line() {
        try {
            if (end >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
                pos = 3; // a byte order mark: RFC 8259 lets a parser ignore it
            }
            whitespace();
            if (pos == end) {
                return new ParsedLine.Blank();
            }
            ParsedLine parsed = in[pos] == '[' ? batch() : single();
            whitespace();
            if (pos != end) {
                throw unexpected("after the JSON value");
            }
            if (lineLimit != null) {
                return new ParsedLine.OverLimit(lineLimit, lineLimitWhat);
            }
            return parsed;
        } catch (MalformedException e) {
            return new ParsedLine.Malformed(e.getMessage());
        }
    }

    private ParsedLine single() {
        startRequest();
        JsonNode message = value(1);
        return new ParsedLine.Single(finishRequest(message));
    }

    private ParsedLine batch() {
        pos++;
        List<Incoming> messages = new ArrayList<>();
        whitespace();
        if (peek() == ']') {
            pos++;
            return new ParsedLine.Batch(messages);
        }
        int count = 0;
        while (true) {
            if (++count > limits.maxBatch() && building) {
                overLine(WireLimits.Limit.BATCH, "a batch of more than " + limits.maxBatch() + " requests");
            }
            startRequest();
            JsonNode message = value(1);
            if (building) {
                messages.add(finishRequest(message));
            }
            whitespace();
            byte c = next("in a batch");
            if (c == ']') {
                return new ParsedLine.Batch(messages);
            }
            if (c != ',') {
                pos--;
                throw unexpected("in a batch (expected ',' or ']')");
            }
        }
    }

    private void startRequest() {
        rawId = null;
        problems = new ArrayList<>();
        problemsDropped = 0;
        droppedOutsideParams = false;
        inParams = false;
        pathLength = 0;
    }

    private Incoming finishRequest(JsonNode message) {
        if (problemsDropped > 0) { // counted where they were: inside params they stay -32602
            problems.add(new Incoming.Problem(droppedOutsideParams ? "" : "/params",
                    problemsDropped + " more values were refused", null));
        }
        return new Incoming(message, rawId, problems);
    }

    private boolean make() {
        return building && skipping == 0;
    }

    private void overLine(WireLimits.Limit limit, String what) {
        if (lineLimit == null) {
            lineLimit = limit;
            lineLimitWhat = what;
        }
        building = false;
    }

    private JsonNode value(int depth) {
        whitespace();
        if (make() && ++values > limits.maxValues()) {
            overLine(WireLimits.Limit.VALUES, "more than " + limits.maxValues() + " JSON values in one line");
        }
        byte c = peek();
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"': {
                String text = string(false);
                return text == null ? (make() ? NullNode.getInstance() : null) : TextNode.valueOf(text);
            }
            case 't':
                literal("true");
                return BooleanNode.TRUE;
            case 'f':
                literal("false");
                return BooleanNode.FALSE;
            case 'n':
                literal("null");
                return NullNode.getInstance();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number(false);
                }
                throw unexpected("where a value was expected");
        }
    }

    private JsonNode object(int depth) {
        if (depth > limits.maxDepth()) {
            problem("nested deeper than " + limits.maxDepth() + " levels", WireLimits.Limit.DEPTH);
            skipValue();
            return make() ? NullNode.getInstance() : null;
        }
        pos++;
        ObjectNode node = make() ? NODES.objectNode() : null;
        whitespace();
        if (peek() == '}') {
            pos++;
            return node;
        }
        boolean request = depth == 1;
        while (true) {
            whitespace();
            if (peek() != '"') {
                throw unexpected("where a member name in quotes was expected");
            }
            String name = string(true);
            whitespace();
            if (next("after a member name") != ':') {
                pos--;
                throw unexpected("after a member name (expected ':')");
            }
            push(name == null ? "…" : name, -1);
            boolean outerParams = inParams;
            JsonNode value;
            if (request && "id".equals(name)) {
                value = id();
            } else {
                inParams |= request && "params".equals(name);
                value = value(depth + 1);
            }
            inParams = outerParams;
            pathLength--;
            if (node != null && name != null && value != null) {
                node.set(name, value);
            }
            whitespace();
            byte c = next("in an object");
            if (c == '}') {
                return node;
            }
            if (c != ',') {
                pos--;
                throw unexpected("in an object (expected ',' or '}')");
            }
        }
    }

    /** The request's id: its text is kept exactly as written. */
    private JsonNode id() {
        whitespace();
        int start = pos;
        byte c = peek();
        JsonNode value = c == '-' || (c >= '0' && c <= '9') ? number(true) : value(2);
        rawId = new String(in, start, pos - start, StandardCharsets.UTF_8);
        return value;
    }

    private JsonNode array(int depth) {
        if (depth > limits.maxDepth()) {
            problem("nested deeper than " + limits.maxDepth() + " levels", WireLimits.Limit.DEPTH);
            skipValue();
            return make() ? NullNode.getInstance() : null;
        }
        pos++;
        ArrayNode node = make() ? NODES.arrayNode() : null;
        whitespace();
        if (peek() == ']') {
            pos++;
            return node;
        }
        int index = 0;
        while (true) {
            push(null, index++);
            JsonNode value = value(depth + 1);
            pathLength--;
            if (node != null && value != null) {
                node.add(value);
            }
            whitespace();
            byte c = next("in an array");
            if (c == ']') {
                return node;
            }
            if (c != ',') {
                pos--;
                throw unexpected("in an array (expected ',' or ']')");
            }
        }
    }

    /**
     * Checks one value past the depth limit for syntax only: iterative (an explicit stack of one bit
     * per level), so a line of a million '[' costs neither stack nor much heap.
     */
    private void skipValue() {
        skipping++;
        long[] stack = new long[4]; // bit set: this level is an object
        int top = 0;
        while (true) {
            whitespace();
            byte c = peek();
            boolean closed;
            if (c == '{' || c == '[') {
                pos++;
                whitespace();
                byte close = c == '{' ? (byte) '}' : (byte) ']';
                if (peek() == close) {
                    pos++;
                    closed = true;
                } else {
                    if (top == stack.length * 64) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                    }
                    if (c == '{') {
                        stack[top >> 6] |= 1L << (top & 63);
                        memberName();
                    } else {
                        stack[top >> 6] &= ~(1L << (top & 63));
                    }
                    top++;
                    closed = false;
                }
            } else {
                value(Integer.MAX_VALUE); // a scalar: never recurses
                closed = true;
            }
            if (!closed) {
                continue;
            }
            while (true) {
                if (top == 0) {
                    skipping--;
                    return;
                }
                boolean object = (stack[(top - 1) >> 6] & (1L << ((top - 1) & 63))) != 0;
                whitespace();
                byte n = next("in a nested value");
                if (n == ',') {
                    if (object) {
                        memberName();
                    }
                    break;
                }
                if (n == (object ? '}' : ']')) {
                    top--;
                    continue;
                }
                pos--;
                throw unexpected("in a nested value");
            }
        }
    }

    private void memberName() {
        whitespace();
        if (peek() != '"') {
            throw unexpected("where a member name in quotes was expected");
        }
        string(true);
        whitespace();
        if (next("after a member name") != ':') {
            pos--;
            throw unexpected("after a member name (expected ':')");
        }
    }

    private JsonNode number(boolean isId) {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        byte c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw unexpected("in a number (expected a digit)");
        }
        boolean integral = true;
        if (pos < end && in[pos] == '.') {
            pos++;
            if (digits() == 0) {
                throw unexpected("in a number (expected a digit after '.')");
            }
            integral = false;
        }
        long exponent = 0;
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            boolean negative = false;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                negative = in[pos] == '-';
                pos++;
            }
            int from = pos;
            if (digits() == 0) {
                throw unexpected("in a number (expected a digit in the exponent)");
            }
            exponent = pos - from > 18 ? Long.MAX_VALUE : Long.parseLong(new String(in, from, pos - from, StandardCharsets.ISO_8859_1));
            if (negative && exponent != Long.MAX_VALUE) {
                exponent = -exponent;
            }
            integral = false;
        }
        int length = pos - start;
        if (length > limits.maxNumberLength()) {
            problem("a number of " + length + " characters (at most " + limits.maxNumberLength() + ")",
                    WireLimits.Limit.NUMBER_LENGTH);
            return make() ? NullNode.getInstance() : null;
        }
        if (!make()) {
            return null;
        }
        String text = new String(in, start, length, StandardCharsets.ISO_8859_1);
        if (Math.abs(exponent) > limits.maxExponent() || exponent == Long.MAX_VALUE) {
            if (isId) {
                return TextNode.valueOf(text); // never converted: an id is only echoed, as written
            }
            problem("a number whose exponent is beyond ±" + limits.maxExponent(), WireLimits.Limit.EXPONENT);
            return NullNode.getInstance();
        }
        if (!integral) {
            return DecimalNode.valueOf(new BigDecimal(text));
        }
        int digitCount = text.charAt(0) == '-' ? length - 1 : length;
        if (digitCount <= 18) {
            long value = Long.parseLong(text);
            return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
        }
        BigInteger value = new BigInteger(text);
        return value.bitLength() < 64 ? LongNode.valueOf(value.longValue()) : BigIntegerNode.valueOf(value);
    }

    private int digits() {
        int from = pos;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos - from;
    }

    private void literal(String word) {
        int length = word.length();
        if (end - pos < length) {
            throw unexpected("where a value was expected");
        }
        for (int i = 0; i < length; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw unexpected("where a value was expected");
            }
        }
        pos += length;
    }

    /**
     * Reads a string at its opening quote. Returns null (having recorded the problem) when it breaks
     * the string limit, and null when nothing is being built.
     */
    private String string(boolean name) {
        pos++;
        int start = pos;
        while (pos < end) { // the common case: ASCII without escapes
            byte c = in[pos];
            if (c == '"') {
                int length = pos - start;
                pos++;
                if (length > limits.maxStringLength()) {
                    tooLongString(name, length);
                    return null;
                }
                return make() ? new String(in, start, length, StandardCharsets.ISO_8859_1) : null;
            }
            if (c == '\\' || c < 0x20) { // bytes >= 0x80 are negative
                break;
            }
            pos++;
        }
        int chars = pos - start;
        boolean keep = make() && chars <= limits.maxStringLength();
        StringBuilder text = keep ? new StringBuilder(chars + 16).append(new String(in, start, chars, StandardCharsets.ISO_8859_1)) : null;
        boolean nul = false;
        boolean surrogate = false;
        while (true) {
            if (pos >= end) {
                throw new MalformedException("the line ends inside a string");
            }
            int c = in[pos++] & 0xFF;
            if (c == '"') {
                break;
            }
            int added = 1;
            if (c == '\\') {
                char escaped = escape();
                nul |= escaped == 0;
                surrogate |= Character.isSurrogate(escaped);
                if (text != null) {
                    text.append(escaped);
                }
            } else if (c < 0x20) {
                pos--;
                throw new MalformedException(String.format("a control character (U+%04X) must be escaped in a string, at byte %d", c, pos + 1));
            } else if (c < 0x80) {
                if (text != null) {
                    text.append((char) c);
                }
            } else {
                int codePoint = utf8(c);
                if (text != null) {
                    text.appendCodePoint(codePoint);
                }
                added = Character.charCount(codePoint);
            }
            chars += added;
            if (text != null && chars > limits.maxStringLength()) {
                text = null; // keep reading for syntax, keep nothing
            }
        }
        if (chars > limits.maxStringLength()) {
            tooLongString(name, chars);
            return null;
        }
        if (text == null) {
            return null;
        }
        String value = text.toString();
        if (inParams && (nul || (surrogate && hasUnpairedSurrogate(value)))) {
            String what = nul ? "NUL (\\u0000)" : "an unpaired surrogate";
            if (name) {
                push(value, -1);
                problem("a member name containing " + what + ", which no parameter may carry", null);
                pathLength--;
            } else {
                problem("a string containing " + what + ", which no parameter may carry", null);
            }
        }
        return value;
    }

    private void tooLongString(boolean name, int length) {
        problem((name ? "a member name of " : "a string of ") + length + " characters (at most "
                + limits.maxStringLength() + ")", WireLimits.Limit.STRING_LENGTH);
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private char escape() {
        if (pos >= end) {
            throw new MalformedException("the line ends inside a string");
        }
        byte c = in[pos++];
        switch (c) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u': {
                if (end - pos < 4) {
                    throw new MalformedException("a \\u escape needs four hex digits, at byte " + pos);
                }
                int value = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(in[pos++], 16);
                    if (digit < 0) {
                        throw new MalformedException("a \\u escape needs four hex digits, at byte " + pos);
                    }
                    value = value * 16 + digit;
                }
                return (char) value;
            }
            default:
                pos--;
                throw new MalformedException("an invalid escape in a string, at byte " + (pos + 1));
        }
    }

    /** Decodes one multi-byte UTF-8 sequence whose first byte was {@code first}; strict (RFC 3629). */
    private int utf8(int first) {
        int count;
        int codePoint;
        int min;
        if (first >= 0xC2 && first <= 0xDF) {
            count = 1;
            codePoint = first & 0x1F;
            min = 0x80;
        } else if (first >= 0xE0 && first <= 0xEF) {
            count = 2;
            codePoint = first & 0x0F;
            min = 0x800;
        } else if (first >= 0xF0 && first <= 0xF4) {
            count = 3;
            codePoint = first & 0x07;
            min = 0x10000;
        } else {
            throw notUtf8();
        }
        for (int i = 0; i < count; i++) {
            if (pos >= end || (in[pos] & 0xC0) != 0x80) {
                throw notUtf8();
            }
            codePoint = (codePoint << 6) | (in[pos++] & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            throw notUtf8();
        }
        return codePoint;
    }

    private MalformedException notUtf8() {
        return new MalformedException("the line is not valid UTF-8 (at byte " + pos + ")");
    }

    private void push(String name, int index) {
        if (pathLength < segments.length) {
            segments[pathLength] = name;
            indexes[pathLength] = index;
        }
        pathLength++;
    }

    private void problem(String message, WireLimits.Limit limit) {
        if (!make()) {
            return;
        }
        if (problems.size() >= MAX_PROBLEMS) {
            problemsDropped++;
            droppedOutsideParams |= !inParams;
            return;
        }
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < Math.min(pathLength, segments.length); i++) {
            pointer.append('/');
            if (segments[i] == null) {
                pointer.append(indexes[i]);
            } else {
                String segment = segments[i];
                pointer.append(segment.length() > 200 ? segment.substring(0, 200) + "…" : segment
                        .replace("~", "~0").replace("/", "~1"));
            }
        }
        problems.add(new Incoming.Problem(pointer.toString(), message, limit));
    }

    private void whitespace() {
        while (pos < end) {
            byte c = in[pos];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw new MalformedException("the line ends where more JSON was expected");
        }
        return in[pos];
    }

    private byte next(String where) {
        if (pos >= end) {
            throw new MalformedException("the line ends " + where);
        }
        return in[pos++];
    }

    private MalformedException unexpected(String where) {
        if (pos >= end) {
            return new MalformedException("the line ends " + where);
        }
        int c = in[pos] & 0xFF;
        String shown = c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
        return new MalformedException("unexpected " + shown + " " + where + ", at byte " + (pos + 1));
    }
}
