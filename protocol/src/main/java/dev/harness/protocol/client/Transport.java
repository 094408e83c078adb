package dev.harness.protocol.client;

import java.io.IOException;
import java.time.Duration;

/**
 * Moves lines between a {@link ClientSession} and a peer: a child's stdio ({@link ProcessTransport})
 * or any pair of streams ({@link StreamTransport}, in-memory in tests). It knows nothing of
 * JSON-RPC; the session does the matching. Inbound lines go to the {@link Receiver} from one
 * reading thread, in order.
 */
public interface Transport extends AutoCloseable {
    /** What a transport reports to its session. Called from the transport's reading thread. */
    interface Receiver {
        /** One line of text (without its newline). */
        void line(String text);

        /** Something that is not a line the session can read (too long, not UTF-8); already skipped. */
        void violation(String what);

        /** No more lines will come: the peer closed its output, or reading failed. */
        void end(String why);
    }

    /** A short name for messages ("planning-service", "mcp server x"). */
    String name();

    /** Begins delivering inbound lines; called once. */
    void start(Receiver receiver);

    /**
     * Writes one line (it must not contain a newline) and its newline within {@code deadline}.
     *
     * @throws IOException when the peer is gone or did not take the bytes in time (a peer that does
     *                     not read its input); the transport is unusable afterwards
     */
    void send(String line, Duration deadline) throws IOException;

    /** Ends the outbound stream (the peer reads EOF), leaving the inbound one open. */
    void closeOutput();

    /** Releases everything; never blocks for long. */
    @Override
    void close();
}
