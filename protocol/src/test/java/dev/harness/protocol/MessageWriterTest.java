package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A message leaves as one whole line, however long, in writes of at most 8 KiB (issue 13: no native copy of it). */
class MessageWriterTest {
    /** Records the size of every write it is given. */
    private static final class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            bytes.write(b);
            writes.add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            writes.add(len);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8 * 1024 - 30, 8 * 1024, 8 * 1024 + 1, 3 * 1024 * 1024 + 7})
    void aMessageOfAnyLengthIsOneIntactLineWrittenInSlices(int length) {
        ObjectNode message = Json.object();
        message.put("jsonrpc", "2.0").put("id", 1).putObject("result").put("text", "é".repeat(length / 2) + "x".repeat(length % 2));
        Recording out = new Recording();
        new MessageWriter(out).write(message);

        String written = out.bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(Json.write(message) + "\n");
        assertThat(out.writes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(8 * 1024));
    }
}
