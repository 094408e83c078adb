package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One message as it came off the wire: the parsed value, the text of its {@code id} exactly as the
 * client wrote it (echoed byte for byte in the response), and what the parser had to refuse inside
 * it (a limit, or text no parameter may carry).
 *
 * @param message  the request (any JSON value; the dispatcher decides whether it is a valid request)
 * @param rawId    the id member's JSON text as received; null when there is none or the message was built in memory
 * @param problems values refused while parsing, each at its JSON pointer from the message root
 */
public record Incoming(JsonNode message, String rawId, List<Problem> problems) {

    /**
     * A refused value.
     *
     * @param path    JSON pointer from the message root, e.g. {@code /params/packets/0/scope}
     * @param message what is wrong, one sentence
     * @param limit   the limit it broke, or null for text that is not allowed (NUL, unpaired surrogates)
     */
    public record Problem(String path, String message, WireLimits.Limit limit) {
        public boolean inParams() {
            return path.equals("/params") || path.startsWith("/params/");
        }
    }

    public Incoming {
        problems = List.copyOf(problems);
    }

    /** A message built in memory (tests, in-process callers): no raw text, the response carries its id node. */
    public static Incoming of(JsonNode message) {
        return new Incoming(message, null, List.of());
    }
}
