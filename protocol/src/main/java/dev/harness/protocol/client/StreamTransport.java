package dev.harness.protocol.client;

import dev.harness.protocol.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Newline-delimited lines over an input and an output stream. Reading: one daemon thread, lines
 * capped at {@code maxLineBytes} (a longer line is skipped to its end and reported, so a 1 GB line
 * costs no memory). Writing: on a daemon thread of its own, so a peer that stops reading its input
 * makes {@link #send} fail at its deadline instead of blocking the caller for ever.
 */
public class StreamTransport implements Transport {
    /** Responses (a long plan, 3,000 workers) are larger than requests; still bounded. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final String name;
    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;
    private final ExecutorService writer;
    private volatile boolean broken;
    private Thread reader;

    public StreamTransport(String name, InputStream in, OutputStream out, int maxLineBytes) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.maxLineBytes = maxLineBytes;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-writer");
            t.setDaemon(true);
            return t;
        });
    }

    public StreamTransport(String name, InputStream in, OutputStream out) {
        this(name, in, out, DEFAULT_MAX_LINE_BYTES);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start(Receiver receiver) {
        if (reader != null) {
            throw new IllegalStateException("transport " + name + " already started");
        }
        reader = new Thread(() -> read(receiver), name + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Receiver receiver) {
        String why = "closed its output";
        try {
            LineReader lines = new LineReader(in, maxLineBytes);
            while (true) {
                LineReader.Line line = lines.next();
                if (line instanceof LineReader.Line.End) {
                    break;
                } else if (line instanceof LineReader.Line.Text text) {
                    if (!text.text().isBlank()) {
                        receiver.line(text.text());
                    }
                } else if (line instanceof LineReader.Line.TooLong tooLong) {
                    receiver.violation("wrote a line of " + tooLong.bytes() + " bytes, over the limit of " + maxLineBytes);
                } else if (line instanceof LineReader.Line.Undecodable undecodable) {
                    receiver.violation("wrote a line that is not UTF-8 (" + undecodable.reason() + ")");
                }
            }
        } catch (IOException e) {
            why = "could not be read (" + e.getMessage() + ")";
        } catch (RuntimeException e) {
            why = "could not be read (" + e + ")";
        } finally {
            receiver.end(why);
        }
    }

    @Override
    public void send(String line, Duration deadline) throws IOException {
        if (broken) {
            throw new IOException(name + " is not accepting input any more");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    out.write(bytes); // one write, no buffering wrapper: nothing holds a lock a close would need
                    out.flush();
                    written.complete(null);
                } catch (IOException | RuntimeException e) {
                    written.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IOException(name + " is closed");
        }
        try {
            written.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            broken = true;
            throw new IOException(name + " did not read its input within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            broken = true;
            Throwable cause = e.getCause();
            throw new IOException(name + " is not accepting input: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to " + name);
        }
    }

    @Override
    public void closeOutput() {
        // queued behind any pending write; a blocked write is ended by close()
        try {
            writer.execute(this::closeOutQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closeOutQuietly();
        }
    }

    private void closeOutQuietly() {
        try {
            out.close();
        } catch (IOException e) {
            broken = true; // already closed by the peer: nothing left to end
        }
    }

    @Override
    public void close() {
        broken = true;
        writer.shutdownNow();
        Thread closer = new Thread(() -> { // closing a stream another thread is blocked on may itself block
            closeOutQuietly();
            try {
                in.close();
            } catch (IOException e) {
                broken = true;
            }
        }, name + "-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the reading thread to end (the peer closed its output), at most {@code limit}. */
    public void awaitEnd(Duration limit) throws InterruptedException {
        Thread r;
        synchronized (this) {
            r = reader;
        }
        if (r != null) {
            r.join(Math.max(1, limit.toMillis()));
        }
    }
}
