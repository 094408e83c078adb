package dev.harness.worker.attempt;

import dev.harness.protocol.Log;
import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log of one agent run or acceptance test, as the child writes it: masked by the suite's
 * {@link Redactor} before a byte reaches the file, and capped. The first part of the output (up
 * to a quarter of the cap, finished at a line end) streams through the masking writer into the
 * file; after that only the last bytes are held, in memory, and written masked when the child
 * ends, after a note of how much was left out. So a test that prints 1 GB leaves a log of about
 * the cap, with its beginning and its end, and the total size is recorded. Raw output is never
 * written anywhere. The tail's buffer grows with what is held (up to three quarters of the cap):
 * allocated whole for every check, 6 MiB of zeroed memory for a test that prints a line, it was
 * most of the worker manager's allocation and, promoted by the collector while a check ran, filled
 * its old generation (issue 15).
 */
public final class CappedOutput extends OutputStream {
    /** Past the head budget, a line is still finished in the head up to this many more bytes. */
    private static final int LINE_SLACK = 64 * 1024;
    /** The tail buffer's first size, once any output goes past the head. */
    private static final int FIRST_TAIL_BYTES = 64 * 1024;

    private final Path file;
    private final long cap;
    private final long headBudget;
    private final OutputStream fileOut;
    private final OutputStream masked;
    /** How many of the last bytes are held at most. */
    private final int tailCapacity;
    /** Holds the tail: linear from 0 while it grows, a ring once it has {@link #tailCapacity} bytes. */
    private byte[] ring = new byte[0];
    private long total;
    private long head;
    private boolean headClosed;
    private int ringStart;
    private int ringSize;
    private boolean closed;

    CappedOutput(Path file, long cap, Redactor redactor) throws IOException {
        this.file = file;
        this.cap = Math.max(1024, cap);
        this.headBudget = this.cap / 4;
        this.tailCapacity = (int) Math.min(Integer.MAX_VALUE - 8, this.cap - headBudget);
        Files.createDirectories(file.getParent());
        this.fileOut = Files.newOutputStream(file);
        this.masked = redactor.mask(new NonClosing(fileOut));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (closed || length <= 0) {
            return;
        }
        total += length;
        int at = offset;
        int end = offset + length;
        while (!headClosed && at < end) {
            long room = headBudget - head;
            int take;
            if (room > 0) {
                take = (int) Math.min(end - at, room);
            } else {
                // over the budget: finish the current line in the head (masking works by line)
                long slack = headBudget + LINE_SLACK - head;
                int newline = indexOf(bytes, at, end, (byte) '\n');
                if (newline >= 0 && newline - at + 1 <= slack) {
                    take = newline - at + 1;
                    headClosed = true;
                } else if (newline < 0 && end - at <= slack) {
                    take = end - at;
                } else {
                    take = 0;
                    headClosed = true;
                }
            }
            writeHead(bytes, at, take);
            at += take;
        }
        if (at < end) {
            headClosed = true;
            keepTail(bytes, at, end - at);
        }
    }

    private void writeHead(byte[] bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        try {
            masked.write(bytes, offset, length);
        } catch (IOException e) {
            Log.warn("cannot write the log " + file + ": " + e.getMessage());
        }
        head += length;
    }

    private void keepTail(byte[] bytes, int offset, int length) {
        grow((long) ringSize + length);
        if (length >= ring.length) {
            System.arraycopy(bytes, offset + length - ring.length, ring, 0, ring.length);
            ringStart = 0;
            ringSize = ring.length;
            return;
        }
        int end = (ringStart + ringSize) % ring.length;
        int first = Math.min(length, ring.length - end);
        System.arraycopy(bytes, offset, ring, end, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        int size = ringSize + length;
        if (size > ring.length) {
            ringStart = (ringStart + size - ring.length) % ring.length;
            size = ring.length;
        }
        ringSize = size;
    }

    /** Makes room for {@code wanted} bytes, up to the tail's capacity. */
    private void grow(long wanted) {
        if (wanted <= ring.length || ring.length >= tailCapacity) {
            return;
        }
        int size = (int) Math.min(tailCapacity, Math.max(wanted, Math.max(FIRST_TAIL_BYTES, 2L * ring.length)));
        byte[] grown = new byte[size];
        // below its capacity the ring never wrapped: its bytes start at 0
        System.arraycopy(ring, ringStart, grown, 0, ringSize);
        ring = grown;
        ringStart = 0;
    }

    private static int indexOf(byte[] bytes, int from, int end, byte wanted) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Every byte the child wrote, kept or not. */
    synchronized long totalBytes() {
        return total;
    }

    /** Whether part of the output was left out of the log. */
    synchronized boolean truncated() {
        return total > head + ringSize;
    }

    long cap() {
        return cap;
    }

    /** Writes the held tail (masked) after a note of what was left out, and closes the file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (ringSize > 0) {
                byte[] tail = new byte[ringSize];
                int first = Math.min(ringSize, ring.length - ringStart);
                System.arraycopy(ring, ringStart, tail, 0, first);
                System.arraycopy(ring, 0, tail, first, ringSize - first);
                int from = 0;
                long omitted = total - head - ringSize;
                if (omitted > 0) {
                    // start the tail at a line, so no part of a cut line (or secret) is shown
                    int newline = indexOf(tail, 0, tail.length, (byte) '\n');
                    from = newline >= 0 ? newline + 1 : tail.length;
                    omitted += from;
                    String note = "\n[harness: " + omitted + " bytes of output left out here; the output was " + total
                            + " bytes and this log keeps its first " + head + " and last " + (tail.length - from)
                            + " (cap " + cap + " bytes)]\n";
                    masked.write(note.getBytes(StandardCharsets.UTF_8));
                }
                masked.write(tail, from, tail.length - from);
            }
            masked.close();
        } catch (IOException e) {
            Log.warn("cannot finish the log " + file + ": " + e.getMessage());
        } finally {
            try {
                fileOut.close();
            } catch (IOException e) {
                Log.warn("cannot close the log " + file + ": " + e.getMessage());
            }
        }
    }

    /** Lets the masking stream be closed (to release its held-back tail) before the file itself. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
