package dev.harness.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A check's log, written as the child's output arrives in chunks of any size: its tail buffer grows as it fills. */
class CappedOutputTest {
    private static final int CAP = 1 << 20; // head budget 256 KiB, tail up to 768 KiB

    @TempDir
    Path dir;

    /** Numbered lines, so any byte out of place shows. */
    private static byte[] output(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 32);
        for (int line = 0; text.length() < bytes; line++) {
            text.append("line ").append(line).append(" of the check's output\n");
        }
        return text.substring(0, bytes).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] log(byte[] output, int chunk, CappedOutput[] kept) throws IOException {
        Path file = dir.resolve("check.log");
        CappedOutput out = new CappedOutput(file, CAP, Redactor.builtIn());
        for (int at = 0; at < output.length; at += chunk) {
            out.write(output, at, Math.min(chunk, output.length - at));
        }
        out.close();
        kept[0] = out;
        return Files.readAllBytes(file);
    }

    @ParameterizedTest(name = "{0} bytes in chunks of {1}")
    @CsvSource({
        "0, 1",
        "100, 1",
        "200000, 4096",            // within the head
        "300000, 1",               // past the head: the tail grows one byte at a time
        "300000, 7",
        "600000, 65536",           // the tail grows several times
        "1000000, 1000",           // the tail reaches its capacity exactly at the end
        "1000000, 1000000",        // one write of everything
    })
    void outputWithinTheCapIsKeptWhole(int bytes, int chunk) throws IOException {
        byte[] output = output(bytes);
        CappedOutput[] out = new CappedOutput[1];
        assertThat(log(output, chunk, out)).isEqualTo(output);
        assertThat(out[0].totalBytes()).isEqualTo(bytes);
        assertThat(out[0].truncated()).isFalse();
    }

    @ParameterizedTest(name = "{0} bytes in chunks of {1}")
    @CsvSource({
        "1100000, 1",
        "1100000, 5000",
        "3000000, 65536",          // the ring wraps many times
        "3000000, 3000000",        // one write larger than the whole tail
    })
    void outputOverTheCapKeepsItsBeginningAndItsEnd(int bytes, int chunk) throws IOException {
        byte[] output = output(bytes);
        CappedOutput[] out = new CappedOutput[1];
        String log = new String(log(output, chunk, out), StandardCharsets.UTF_8);
        String text = new String(output, StandardCharsets.UTF_8);
        int note = log.indexOf("\n[harness: ");
        assertThat(note).isPositive();
        String head = log.substring(0, note);
        String tail = log.substring(log.indexOf("]\n", note) + 2);
        assertThat(text).startsWith(head);
        assertThat(head.length()).isBetween(CAP / 4, CAP / 4 + 64 * 1024);
        assertThat(text).endsWith(tail);
        // the tail starts at a line and holds the last three quarters of the cap, less that line's cut part
        assertThat(tail).startsWith("line ");
        assertThat(tail.length()).isBetween(CAP * 3 / 4 - 64, CAP * 3 / 4);
        long omitted = bytes - head.length() - tail.length();
        assertThat(log.substring(note)).startsWith("\n[harness: " + omitted + " bytes of output left out here; the output was "
                + bytes + " bytes and this log keeps its first " + head.length() + " and last " + tail.length());
        assertThat(out[0].totalBytes()).isEqualTo(bytes);
        assertThat(out[0].truncated()).isTrue();
    }
}
