package dev.harness.protocol.secrets;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Masks text as it is written, before it reaches the underlying writer, so raw output is never
 * stored. A secret may arrive split across writes, so the writer holds back a bounded tail (the
 * longest known value or rule span) and releases whole lines as soon as they end — no rule crosses a
 * line break, unless a known value itself spans lines. {@link #flush()} flushes what was released;
 * {@link #close()} releases the tail.
 */
public final class MaskingWriter extends Writer {
    /** Already-released raw text kept (in memory only) so rules that look behind a span still see it. */
    private static final int CONTEXT = 64;

    private final Writer out;
    private final Redactor redactor;
    private final StringBuilder context = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();
    private long masked;
    private boolean closed;

    MaskingWriter(Writer out, Redactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        synchronized (lock) {
            ensureOpen();
            pending.append(chars, off, len);
            release(false);
        }
    }

    @Override
    public void write(String text, int off, int len) throws IOException {
        synchronized (lock) {
            ensureOpen();
            pending.append(text, off, off + len);
            release(false);
        }
    }

    /** Flushes what has been released; the held-back tail stays until more text or {@link #close()}. */
    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            ensureOpen();
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                release(true);
                out.flush();
            } finally {
                closed = true;
                out.close();
            }
        }
    }

    /** How many spans were masked so far (the only thing about the secrets that may be reported). */
    public long masked() {
        synchronized (lock) {
            return masked;
        }
    }

    private void release(boolean all) throws IOException {
        int limit;
        if (all) {
            limit = pending.length();
        } else {
            int hold = redactor.holdBack();
            // Batch by the hold-back so a stream of tiny writes is not rescanned per character.
            limit = pending.length() >= 2 * hold ? pending.length() - hold : 0;
            if (!redactor.multilineNeedle()) {
                limit = Math.max(limit, pending.lastIndexOf("\n") + 1);
            }
        }
        if (limit == 0) {
            return;
        }
        int base = context.length();
        String text = context.toString() + pending;
        List<int[]> spans = redactor.spans(text);
        int cut = base + limit;
        if (!all) {
            for (int[] span : spans) {
                if (span[0] < cut && span[1] > cut) {
                    // A span across the cut is released whole, or kept whole when it starts in the pending text.
                    cut = span[0] >= base ? span[0] : span[1];
                    break;
                }
            }
        }
        for (int[] span : spans) {
            if (span[0] >= base && span[0] < cut) {
                masked++;
            }
        }
        if (cut > base) {
            out.write(Redactor.apply(text, spans, base, cut));
        }
        String released = text.substring(0, cut);
        context.setLength(0);
        context.append(released, Math.max(0, released.length() - CONTEXT), released.length());
        pending.setLength(0);
        pending.append(text, cut, text.length());
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("masking writer is closed");
        }
    }
}
