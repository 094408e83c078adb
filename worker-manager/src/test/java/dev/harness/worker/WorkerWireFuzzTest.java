package dev.harness.worker;

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

/**
 * Issue 13: the worker manager's loop under hostile lines made from examples/worker, and its corpus
 * of past findings. Its own state directory and a policy that denies every workspace: nothing runs.
 */
class WorkerWireFuzzTest {
    private static final List<String> SEEDS = WireFuzz.seeds("worker");
    private static Path home;
    private static Path policy;

    @BeforeContainer
    static void scratch() throws IOException {
        home = Files.createTempDirectory("worker-fuzz");
        policy = Files.writeString(home.resolve("deny-all.json"), "{\"denied_roots\":[\"/\"],\"default\":\"deny\"}");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static List<String> violations(byte[] line) {
        WorkerManager service = new WorkerManager(Map.of("HOME", home.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        String[] args = {"--quiet", "--state-dir", home.resolve("state").toString(), "--trust-policy", policy.toString(),
                "--default-timeout", "5"};
        return WireFuzz.violations(service, args, line);
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
