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
        return new PrintStream(new RedactedOutput(out, redactor), true, StandardCharsets.UTF_8);
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
        pending.write(bytes, off, len);
        for (int i = off + len - 1; i >= off; i--) {
            if (bytes[i] == '\n') {
                release();
                return;
            }
        }
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
