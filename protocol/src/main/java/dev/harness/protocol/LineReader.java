package dev.harness.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in '\n' ("\r\n" tolerated), decoded as UTF-8 whatever
 * the platform charset. A line longer than the limit is skipped to its end and reported as
 * {@link Line.TooLong} so the caller can answer it and go on reading.
 */
public final class LineReader {
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** What one call to {@link #next()} found. */
    public sealed interface Line {
        record Text(String text) implements Line {}

        record TooLong(long bytes) implements Line {}

        /** Bytes that are not UTF-8: answered as a parse error. */
        record Undecodable(String reason) implements Line {}

        record End() implements Line {}

        /**
         * The line's bytes (without its terminator) in the reader's own buffer, valid until the next
         * read: what the service loop parses, without decoding the line into a String first.
         */
        record Raw(byte[] bytes, int length) implements Line {}
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[8 * 1024];
    private int lineLen;

    public LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** True when bytes already read from the stream are waiting: the next line needs no blocking read. */
    public boolean hasBufferedInput() {
        return chunkPos < chunkEnd;
    }

    /** Reads the next line; blank lines are returned as empty text (the caller skips them). */
    public Line next() throws IOException {
        Line line = read();
        return line == null ? decode() : line;
    }

    /** Reads the next line as bytes ({@link Line.Raw}), or {@link Line.TooLong} / {@link Line.End}. */
    public Line nextRaw() throws IOException {
        Line read = read();
        if (read != null) {
            return read;
        }
        int len = lineLen;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return new Line.Raw(line, len);
    }

    /** Fills the line buffer; null when a line is in it, else TooLong or End. */
    private Line read() throws IOException {
        if (line.length > 1024 * 1024) {
            line = new byte[8 * 1024]; // do not hold on to a huge buffer after one huge line
        }
        lineLen = 0;
        long discarded = -1; // >= 0 while skipping an over-long line
        while (true) {
            if (chunkPos == chunkEnd) {
                chunkEnd = in.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkEnd <= 0) {
                    chunkEnd = 0;
                    if (discarded >= 0) {
                        return new Line.TooLong(discarded);
                    }
                    return lineLen == 0 ? new Line.End() : null;
                }
            }
            int newline = indexOfNewline(chunkPos, chunkEnd);
            int stop = newline < 0 ? chunkEnd : newline;
            int count = stop - chunkPos;
            if (discarded >= 0) {
                discarded += count;
            } else if ((long) lineLen + count > maxLineBytes) {
                discarded = (long) lineLen + count;
                lineLen = 0;
            } else {
                try {
                    append(chunkPos, count);
                } catch (OutOfMemoryError noRoom) { // no memory for this line: discard it like an over-long one
                    line = new byte[8 * 1024];
                    discarded = (long) lineLen + count;
                    lineLen = 0;
                }
            }
            chunkPos = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                return discarded >= 0 ? new Line.TooLong(discarded) : null;
            }
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int count) {
        if (lineLen + count > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLen + count, Math.min(maxLineBytes, line.length * 2)));
        }
        System.arraycopy(chunk, from, line, lineLen, count);
        lineLen += count;
    }

    private Line decode() {
        int len = lineLen;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, len))
                    .toString();
            return new Line.Text(text);
        } catch (CharacterCodingException e) {
            return new Line.Undecodable("the line is not valid UTF-8");
        }
    }
}
