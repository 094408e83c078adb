package dev.harness.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
 * The one wire fuzz fixture of a service (issue 13): hostile lines mutated from its
 * examples/FOLDER requests, and the corpus of past findings, each checked by {@link WireFuzz}'s
 * oracle. A service's test only says, in its constructor, how the service is made: in a scratch
 * home (its state, its config, a request without a workspace works there, not in the tree) with
 * its own arguments. How many tries: {@code @PropertyDefaults(tries = N)} on the subclass.
 */
public abstract class ServiceWireFuzz {
    /** A fresh service whose home, state and configuration are under {@code home}. */
    @FunctionalInterface
    protected interface Factory {
        Service make(Path home) throws IOException;
    }

    /** The command line the service runs with (at least --quiet: the log is not the oracle's business). */
    @FunctionalInterface
    protected interface Arguments {
        String[] of(Path home) throws IOException;
    }

    private static Path home;
    private final String examples;
    private final Factory factory;
    private final Arguments arguments;

    /** @param examples the examples/ folder the seeds come from (bootstrap, planning, worker) */
    protected ServiceWireFuzz(String examples, Factory factory) {
        this(examples, factory, scratch -> new String[] {"--quiet"});
    }

    protected ServiceWireFuzz(String examples, Factory factory, Arguments arguments) {
        this.examples = examples;
        this.factory = factory;
        this.arguments = arguments;
    }

    /** HOME in the scratch home, and our PATH (a service that looks programs up finds the real ones). */
    protected static Map<String, String> scratchEnvironment(Path home) {
        return Map.of("HOME", home.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    @BeforeContainer
    static void scratch() throws IOException {
        home = Files.createTempDirectory("wire-fuzz");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private List<String> violations(byte[] line) throws IOException {
        return WireFuzz.violations(factory.make(home), arguments.of(home), line);
    }

    @Property
    void everyLineIsAnsweredByTheRules(@ForAll("lines") byte[] line) throws IOException {
        assertThat(violations(line)).as(WireFuzz.corpusLine(line, "")).isEmpty();
    }

    @Provide
    Arbitrary<byte[]> lines() {
        List<String> seeds = WireFuzz.seeds(examples);
        return Arbitraries.randomValue(random -> new Mutations(random, seeds).next());
    }

    @Example
    void theCorpusOfPastFindingsStaysFixed() throws IOException {
        for (byte[] line : WireFuzz.corpus()) {
            assertThat(violations(line)).as(WireFuzz.corpusLine(line, "")).isEmpty();
        }
    }
}
