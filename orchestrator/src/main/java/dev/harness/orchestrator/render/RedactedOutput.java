package dev.harness.orchestrator.render;

import dev.harness.protocol.secrets.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The orchestrator's own stdout and stderr: every line, prompt and progress update passes through
 * the secrets {@link Redactor} before it reaches the terminal or a pipe. Text is masked per line,
 * and whatever is pending when the stream is flushed (a prompt waiting for an answer, a progress
 * line ending in \r) is masked and released then. protocol's MaskingOutputStream is for a child's
 * output and keeps a tail back across flushes (a secret may continue in the next chunk); the
 * orchestrator writes whole messages, and a prompt held back would never be answered.
 *
 * <p>A whole message means one call of the {@link PrintStream}: a JDK PrintStream hands a long string
 * to its stream in 8 KB pieces and, when it flushes by itself, flushes after each piece, and printf
 * hands over each segment of its format apart. A token cut at such a seam would be masked in two
 * halves, which matches neither half's shape, so {@link #printStream} flushes once, when the
 * outermost print, println, printf, append or write returns.
 */
public final class RedactedOutput extends OutputStream {
    private final OutputStream out;
    private final Redactor redactor;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public RedactedOutput(OutputStream out, Redactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    /** A UTF-8 PrintStream over {@code out} that masks what it prints. */
    public static PrintStream printStream(OutputStream out, Redactor redactor) {
        return new WholeCalls(new RedactedOutput(out, redactor));
    }

    /**
     * The command line's own PrintWriter (picocli's usage, help and errors) over {@code stream}, e.g. System.out
     * (asked when it flushes, as picocli's default writer asks for it when first used). picocli's default wraps
     * the stream in a BufferedWriter and an encoder, each handing it 8 KB at a time, and each such write is a whole
     * call that the masking releases: a token cut at that seam printed whole. This one keeps the text until the
     * writer is flushed (println, printf or flush: picocli flushes after each message) and prints it in one call.
     */
    public static java.io.PrintWriter printWriter(java.util.function.Supplier<PrintStream> stream) {
        return new java.io.PrintWriter(new WholeMessages(stream), true);
    }

    /** Characters kept until a flush, then printed to the stream in one call. */
    static final class WholeMessages extends java.io.Writer {
        private final java.util.function.Supplier<PrintStream> stream;
        private final StringBuilder pending = new StringBuilder();

        WholeMessages(java.util.function.Supplier<PrintStream> stream) {
            this.stream = stream;
        }

        @Override
        public synchronized void write(char[] chars, int off, int len) {
            pending.append(chars, off, len);
        }

        @Override
        public synchronized void write(String text, int off, int len) {
            pending.append(text, off, off + len);
        }

        @Override
        public synchronized void flush() {
            PrintStream out = stream.get();
            if (pending.length() > 0) {
                out.print(pending.toString());
                pending.setLength(0);
            }
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /**
     * A PrintStream that never flushes inside a call and always flushes after the outermost one, so
     * each call reaches the masking whole. Its lock is the PrintStream's own, taken re-entrantly.
     */
    static final class WholeCalls extends PrintStream {
        private int depth;

        WholeCalls(OutputStream out) {
            super(out, false, StandardCharsets.UTF_8);
        }

        private void enter() {
            depth++;
        }

        private void exit() {
            if (--depth == 0) {
                flush();
            }
        }

        @Override
        public void write(int b) {
            synchronized (this) { enter(); try { super.write(b); } finally { exit(); } }
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            synchronized (this) { enter(); try { super.write(buf, off, len); } finally { exit(); } }
        }

        @Override
        public void print(String s) {
            synchronized (this) { enter(); try { super.print(s); } finally { exit(); } }
        }

        @Override
        public void print(Object obj) {
            synchronized (this) { enter(); try { super.print(obj); } finally { exit(); } }
        }

        @Override
        public void print(char[] s) {
            synchronized (this) { enter(); try { super.print(s); } finally { exit(); } }
        }

        @Override
        public void print(char c) {
            synchronized (this) { enter(); try { super.print(c); } finally { exit(); } }
        }

        @Override
        public void println() {
            synchronized (this) { enter(); try { super.println(); } finally { exit(); } }
        }

        @Override
        public void println(String x) {
            synchronized (this) { enter(); try { super.println(x); } finally { exit(); } }
        }

        @Override
        public void println(Object x) {
            synchronized (this) { enter(); try { super.println(x); } finally { exit(); } }
        }

        @Override
        public void println(char[] x) {
            synchronized (this) { enter(); try { super.println(x); } finally { exit(); } }
        }

        @Override
        public PrintStream format(String format, Object... args) {
            synchronized (this) { enter(); try { return super.format(format, args); } finally { exit(); } }
        }

        @Override
        public PrintStream format(java.util.Locale l, String format, Object... args) {
            synchronized (this) { enter(); try { return super.format(l, format, args); } finally { exit(); } }
        }

        @Override
        public PrintStream append(CharSequence csq) {
            synchronized (this) { enter(); try { return super.append(csq); } finally { exit(); } }
        }

        @Override
        public PrintStream append(CharSequence csq, int start, int end) {
            synchronized (this) { enter(); try { return super.append(csq, start, end); } finally { exit(); } }
        }
    }

    /** The process's stdout without masking, for the one line that must show a token whole (the dashboard's address). */
    public static PrintStream unmaskedStdout() {
        System.out.flush();
        return new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n') {
            release();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
        for (int i = off + len - 1; i >= off; i--) {
            if (bytes[i] == '\n') {
                // release up to the last line end; the rest of a line waits for its end or a flush
                pending.write(bytes, off, i + 1 - off);
                release();
                pending.write(bytes, i + 1, off + len - i - 1);
                return;
            }
        }
        pending.write(bytes, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        release();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        out.close();
    }

    private void release() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        out.write(redactor.redact(text).getBytes(StandardCharsets.UTF_8));
    }
}
