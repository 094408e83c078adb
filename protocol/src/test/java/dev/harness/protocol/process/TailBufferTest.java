package dev.harness.protocol.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TailBufferTest {
    @ParameterizedTest(name = "cap {0}, writes {1} -> {2}")
    @CsvSource({
            "5, abc, abc",
            "5, abc|def, bcdef",
            "5, abcdefgh, defgh",
            "5, ab|cdefghij|k, ghijk",
            "5, abcde|f, bcdef",
            "0, abc, ''",
    })
    void keepsTheLastBytesAndCountsAll(int cap, String writes, String expected) {
        TailBuffer buffer = new TailBuffer(cap);
        long total = 0;
        for (String chunk : writes.split("\\|")) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            total += bytes.length;
        }
        Captured captured = buffer.snapshot();
        assertThat(captured.text()).isEqualTo(expected);
        assertThat(captured.totalBytes()).isEqualTo(total);
    }
}
