package dev.harness.protocol.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An in-memory pipe with a bounded buffer, like an OS pipe: a writer blocks while the buffer is
 * full (so a peer that stops reading can be simulated), a reader blocks while it is empty and sees
 * EOF once the writer closed and the buffer is drained; writing after the reader closed fails.
 * Unlike java.io.Piped*, either end may be used from any number of threads.
 */
public final class Pipe {
    private final byte[] buffer;
    private int start;
    private int size;
    private boolean writerClosed;
    private boolean readerClosed;

    public Pipe(int capacity) {
        this.buffer = new byte[capacity];
    }

    public Pipe() {
        this(64 * 1024);
    }

    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (Pipe.this) {
                while (size == 0 && !writerClosed && !readerClosed) {
                    await();
                }
                if (readerClosed) {
                    throw new IOException("pipe closed");
                }
                if (size == 0) {
                    return -1;
                }
                int n = Math.min(len, size);
                for (int i = 0; i < n; i++) {
                    b[off + i] = buffer[(start + i) % buffer.length];
                }
                start = (start + n) % buffer.length;
                size -= n;
                Pipe.this.notifyAll();
                return n;
            }
        }

        @Override
        public void close() {
            synchronized (Pipe.this) {
                readerClosed = true;
                Pipe.this.notifyAll();
            }
        }
    };

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (Pipe.this) {
                for (int written = 0; written < len; ) {
                    while (size == buffer.length && !readerClosed && !writerClosed) {
                        await();
                    }
                    if (readerClosed) {
                        throw new IOException("Broken pipe");
                    }
                    if (writerClosed) {
                        throw new IOException("pipe closed");
                    }
                    int n = Math.min(len - written, buffer.length - size);
                    for (int i = 0; i < n; i++) {
                        buffer[(start + size + i) % buffer.length] = b[off + written + i];
                    }
                    size += n;
                    written += n;
                    Pipe.this.notifyAll();
                }
            }
        }

        @Override
        public void close() {
            synchronized (Pipe.this) {
                writerClosed = true;
                Pipe.this.notifyAll();
            }
        }
    };

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** EOF for the reader once the buffer is drained. */
    public synchronized void closeWrite() {
        writerClosed = true;
        notifyAll();
    }

    /** The writer's next write fails (a broken pipe). */
    public synchronized void closeRead() {
        readerClosed = true;
        notifyAll();
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }
}
