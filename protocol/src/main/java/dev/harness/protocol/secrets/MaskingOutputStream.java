package dev.harness.protocol.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Masks a byte stream (a child's stdout or stderr) as it is written: bytes are decoded as UTF-8
 * (a character split across writes is completed first; undecodable bytes become U+FFFD) and
 * masked by a {@link MaskingWriter}; what is released is written as UTF-8 and flushed through.
 */
public final class MaskingOutputStream extends OutputStream {
    private final MaskingWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer leftover = ByteBuffer.allocate(8);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private boolean closed;

    MaskingOutputStream(OutputStream out, Redactor redactor) {
        this.writer = new MaskingWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), redactor);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("masking stream is closed");
        }
        int at = off;
        int end = off + len;
        // Complete a character left incomplete by the previous write.
        while (leftover.position() > 0 && at < end) {
            leftover.put(bytes[at++]);
            leftover.flip();
            decode(leftover, false);
            leftover.compact();
        }
        ByteBuffer input = ByteBuffer.wrap(bytes, at, end - at);
        decode(input, false);
        if (input.hasRemaining()) {
            leftover.put(input); // at most 3 bytes of an unfinished character
        }
        writer.flush();
    }

    /** Flushes what was released (a held-back tail that could still be part of a secret stays back). */
    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            writer.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        leftover.flip();
        decode(leftover, true);
        decoder.flush(chars);
        drain();
        writer.close();
    }

    /** How many spans were masked so far. */
    public long masked() {
        return writer.masked();
    }

    private void decode(ByteBuffer input, boolean endOfInput) throws IOException {
        while (true) {
            var result = decoder.decode(input, chars, endOfInput);
            drain();
            if (!result.isOverflow()) {
                return;
            }
        }
    }

    private void drain() throws IOException {
        chars.flip();
        if (chars.hasRemaining()) {
            writer.write(chars.array(), chars.position(), chars.remaining());
        }
        chars.clear();
    }
}
