package dev.harness.protocol.client;

import java.io.IOException;

/**
 * The session with a peer is over: it exited, closed its output, stopped reading its input, or
 * broke the protocol (a line that is not JSON-RPC, an answer to an id never sent, a line over the
 * limit). Every pending and later call fails with this; the message says which.
 */
public class SessionFailure extends IOException {
    private static final long serialVersionUID = 1L;

    public SessionFailure(String message) {
        super(message);
    }

    public SessionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
