package dev.harness.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The documented limits of the wire (README "Limits"). Each one is answered, never fatal: a line
 * over a limit gets -32600 (or -32602 when the excess is inside params) with {@code data} naming
 * the limit, and the service keeps serving. They bound what one line can cost in memory and time.
 *
 * @param maxLineBytes    bytes in one line; longer lines are discarded unread (--max-line-bytes)
 * @param maxDepth        nesting of arrays and objects in one request (the request object is level 1)
 * @param maxBatch        requests in one batch
 * @param maxValues       JSON values (scalars, arrays, objects) in one line
 * @param maxNumberLength characters in one number as written
 * @param maxExponent     absolute value of a number's exponent (1e400 is fine, 1e2147483647 is not):
 *                        bounds what a number costs to compare or print in full
 * @param maxStringLength characters in one string or member name
 * @param maxInFlight     blocking requests (e.g. wait_worker) running at once
 */
public record WireLimits(int maxLineBytes, int maxDepth, int maxBatch, int maxValues, int maxNumberLength,
                         int maxExponent, int maxStringLength, int maxInFlight) {

    public static final WireLimits DEFAULT = new WireLimits(LineReader.DEFAULT_MAX_LINE_BYTES, 64, 100, 100_000,
            1_000, 1_000, 1024 * 1024, 64);

    /** The names {@code error.data.limit} carries. */
    public enum Limit {
        LINE_BYTES("max_line_bytes"),
        DEPTH("max_depth"),
        BATCH("max_batch"),
        VALUES("max_values"),
        NUMBER_LENGTH("max_number_length"),
        EXPONENT("max_exponent"),
        STRING_LENGTH("max_string_length"),
        IN_FLIGHT("max_in_flight");

        private final String wireName;

        Limit(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public WireLimits {
        if (maxLineBytes < 1 || maxDepth < 2 || maxBatch < 1 || maxValues < 1 || maxNumberLength < 1
                || maxExponent < 0 || maxStringLength < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("wire limits must be positive");
        }
    }

    public WireLimits withMaxLineBytes(int bytes) {
        return new WireLimits(bytes, maxDepth, maxBatch, maxValues, maxNumberLength, maxExponent, maxStringLength, maxInFlight);
    }

    public int value(Limit limit) {
        return switch (limit) {
            case LINE_BYTES -> maxLineBytes;
            case DEPTH -> maxDepth;
            case BATCH -> maxBatch;
            case VALUES -> maxValues;
            case NUMBER_LENGTH -> maxNumberLength;
            case EXPONENT -> maxExponent;
            case STRING_LENGTH -> maxStringLength;
            case IN_FLIGHT -> maxInFlight;
        };
    }

    /** {@code {"limit": "max_depth", "max": 64}} plus what was wrong, for an error's data. */
    public ObjectNode data(Limit limit, String what) {
        ObjectNode data = Json.object();
        data.put("limit", limit.wireName());
        data.put("max", value(limit));
        data.put("message", what);
        return data;
    }
}
