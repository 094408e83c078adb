package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.fuzz.Mutations;
import dev.harness.protocol.fuzz.WireFuzz;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 13: the service loop under hostile lines (the test-echo service), and the committed corpus. */
class ServiceLoopFuzzTest {
    private static final List<String> SEEDS = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"hi\"}}",
            "{\"id\":\"two\",\"method\":\"count\",\"params\":{\"n\":3}}",
            "{\"id\":3,\"method\":\"packet\",\"params\":{\"task_packet\":{\"objective\":\"Create theme provider\",\"scope\":\"module\","
                    + "\"scope_path\":\"src/theme\",\"acceptance_tests\":[\"npm test\"]}}}",
            "{\"id\":4,\"method\":\"refuse\",\"params\":{}}",
            "{\"id\":5,\"method\":\"wait\",\"params\":{\"ms\":1}}",
            "{\"method\":\"echo\",\"params\":{\"text\":\"a notification\"}}");

    @Property(tries = 100)
    void everyLineIsAnsweredByTheRules(@ForAll("lines") byte[] line) {
        assertThat(WireFuzz.violations(new EchoService(), new String[0], line)).as(WireFuzz.corpusLine(line, "")).isEmpty();
    }

    @Provide
    Arbitrary<byte[]> lines() {
        return Arbitraries.randomValue(random -> new Mutations(random, SEEDS).next());
    }

    @Example
    void theCorpusOfPastFindingsStaysFixed() {
        List<byte[]> corpus = WireFuzz.corpus();
        assertThat(corpus).isNotEmpty();
        for (byte[] line : corpus) {
            assertThat(WireFuzz.violations(new EchoService(), new String[0], line)).as(WireFuzz.corpusLine(line, "")).isEmpty();
        }
    }
}
