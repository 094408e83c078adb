package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The one place that writes protocol messages: one compact JSON value per line, UTF-8, a whole
 * line at a time under a lock so messages from concurrent threads never interleave.
 * The service loop batches flushes while more input is already buffered; messages written from
 * other threads (asynchronous events) are flushed at once.
 */
public final class MessageWriter {
    /** FileOutputStream's own stack buffer: writes up to this size need no native allocation. */
    private static final int SLICE = 8 * 1024;
    private final OutputStream out;
    private boolean broken;

    public MessageWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one message; {@code flush} pushes it (and anything pending) to the reader now. */
    public void write(JsonNode message, boolean flush) {
        byte[] bytes = Json.writeBytes(message); // outside the lock; throws if it is not writable JSON
        writeLine(bytes, flush);
    }

    /** Writes one message already serialised (by {@link Json#writeBytes}), without its newline. */
    void writeSerialized(byte[] bytes, boolean flush) {
        writeLine(bytes, flush);
    }

    private synchronized void writeLine(byte[] bytes, boolean flush) {
        if (broken) {
            return;
        }
        try {
            // In slices: FileOutputStream copies any write over 8 KiB through a malloc'd buffer of the
            // write's whole length, and glibc keeps such memory resident once freed, so a few
            // multi-megabyte answers grew a service's RSS far past its heap (issue 13).
            for (int offset = 0; offset < bytes.length; offset += SLICE) {
                out.write(bytes, offset, Math.min(SLICE, bytes.length - offset));
            }
            out.write('\n');
            if (flush) {
                out.flush();
            }
        } catch (IOException e) {
            // The reader went away (closed pipe). Nothing more can be delivered; say so once.
            broken = true;
            Log.warn("protocol: stdout is closed, dropping further messages: " + e.getMessage());
        }
    }

    public void write(JsonNode message) {
        write(message, true);
    }

    public synchronized void flush() {
        if (broken) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            broken = true;
        }
    }

    public synchronized boolean isBroken() {
        return broken;
    }

    /** For tests and clients that must fail loudly rather than drop. */
    public static void writeLine(OutputStream out, JsonNode message) {
        try {
            out.write(Json.writeBytes(message));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
