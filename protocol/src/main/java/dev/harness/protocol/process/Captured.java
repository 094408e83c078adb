package dev.harness.protocol.process;

import java.nio.charset.StandardCharsets;

/**
 * What was kept of one output stream: its last bytes (at most the capture cap) and how many bytes
 * the stream carried in all, so a report can say "the last 64 KiB of 1.1 GB".
 */
public record Captured(byte[] tail, long totalBytes) {
    public static final Captured EMPTY = new Captured(new byte[0], 0);

    public Captured {
        tail = tail.clone();
    }

    @Override
    public byte[] tail() {
        return tail.clone();
    }

    /** The kept bytes as UTF-8 (malformed sequences, e.g. a character cut by the cap, become U+FFFD). */
    public String text() {
        return new String(tail, StandardCharsets.UTF_8);
    }

    /** True when bytes were dropped from the front to stay within the cap. */
    public boolean truncated() {
        return totalBytes > tail.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Captured c && c.totalBytes == totalBytes && java.util.Arrays.equals(c.tail, tail);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(totalBytes) * 31 + java.util.Arrays.hashCode(tail);
    }

    @Override
    public String toString() {
        return "Captured[" + tail.length + " of " + totalBytes + " bytes]";
    }
}
