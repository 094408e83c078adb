package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.fuzz.Mutations;
import dev.harness.protocol.fuzz.WireFuzz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Issue 13: the planning service's loop under hostile lines made from examples/planning, and its corpus of past findings. */
class PlanningWireFuzzTest {
    private static final List<String> SEEDS = WireFuzz.seeds("planning");
    private static Path home;

    @BeforeContainer
    static void scratch() throws IOException {
        home = Files.createTempDirectory("planning-fuzz");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static List<String> violations(byte[] line) {
        PlanningService service = new PlanningService(Map.of("HOME", home.toString()), home);
        return WireFuzz.violations(service, new String[] {"--quiet"}, line);
    }

    @Property(tries = 60)
    void everyLineIsAnsweredByTheRules(@ForAll("lines") byte[] line) {
        assertThat(violations(line)).as(WireFuzz.corpusLine(line, "")).isEmpty();
    }

    @Provide
    Arbitrary<byte[]> lines() {
        return Arbitraries.randomValue(random -> new Mutations(random, SEEDS).next());
    }

    @Example
    void theCorpusOfPastFindingsStaysFixed() {
        for (byte[] line : WireFuzz.corpus()) {
            assertThat(violations(line)).as(WireFuzz.corpusLine(line, "")).isEmpty();
        }
    }
}
