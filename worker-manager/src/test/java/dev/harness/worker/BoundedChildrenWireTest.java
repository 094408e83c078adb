package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static dev.harness.worker.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded children and output, secrets masked as written (issues 20 and 19), with real agent and
 * test processes: a double-forked grandchild dies with its attempt, a test's flood of output
 * leaves a log of about the cap with its total recorded, and a test that prints the agent's API
 * key leaves it in no file, event or answer.
 */
class BoundedChildrenWireTest {
    @TempDir
    Path tmp;

    private WireSession session(Map<String, String> env, String... extra) throws Exception {
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp + "\"]\n");
        Path recipes = Fixtures.write(tmp.resolve("recipes.yaml"),
                "recipes:\n  transient: {action: retry, max_retries: 0}\n  logic_error: {action: escalate, max_retries: 1}\n");
        List<String> args = new java.util.ArrayList<>(List.of("--state-dir", tmp.resolve("state").toString(),
                "--trust-policy", policy.toString(), "--recipes", recipes.toString(), "--kill-grace-ms", "300"));
        args.addAll(List.of(extra));
        return new WireSession(env, args.toArray(String[]::new));
    }

    private static JsonNode run(WireSession wire, ObjectNode packet, Path ws, String agent) {
        String worker = wire.ok("spawn_worker", spawn(packet, ws, agent)).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        return wire.ok("wait_worker", id(worker));
    }

    /** Whether the process still exists once it had a moment to finish dying (a bound that stops a hung test). */
    private static boolean alive(long pid) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (ProcessHandle.of(pid).map(dev.harness.protocol.process.ProcessTree::isGone).orElse(true)) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Test
    void aDoubleForkedGrandchildDiesWhenTheAgentEnds() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path pidFile = tmp.resolve("grandchild.pid");
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            JsonNode done = run(wire, packet("Fork and leave", "true"), ws,
                    template(Fixtures.agent(tmp.resolve("agents"), "double-fork.sh"), pidFile.toString()));
            assertThat(done.get("state").asText()).isEqualTo("finished");
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            assertThat(ProcessHandle.current().descendants().anyMatch(p -> p.pid() == pid))
                    .as("the grandchild escaped our tree, so only the tag can find it").isFalse();
            assertThat(alive(pid)).as("the escaped grandchild after a normal exit").isFalse();
        }
    }

    @Test
    void aDoubleForkedGrandchildDiesWithTheAgentAtItsTimeout() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path pidFile = tmp.resolve("grandchild.pid");
        ObjectNode packet = packet("Fork and hang", "true");
        packet.put("timeout_seconds", 1);
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            JsonNode failed = run(wire, packet, ws,
                    template(Fixtures.agent(tmp.resolve("agents"), "double-fork.sh"), pidFile.toString(), "hang"));
            assertThat(failed.at("/evidence/source").asText()).isEqualTo("timeout");
            assertThat(alive(Long.parseLong(Files.readString(pidFile).strip()))).as("the escaped grandchild").isFalse();
        }
    }

    @Test
    void aTestThatFloodsItsOutputLeavesACappedLogWithItsStartItsEndAndItsSize() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        // 40 MB of numbered lines between a first and a last line; the cap is 256 KiB
        String flood = "echo FIRST-LINE; seq 1 5000000 | sed 's/$/ xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/'; echo LAST-LINE; exit 1";
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")), "--output-cap", "256k")) {
            JsonNode failed = run(wire, packet("Flood", flood), ws, null);
            JsonNode test = failed.at("/attempt_history/0/acceptance/0");
            assertThat(test.get("output_truncated").asBoolean()).isTrue();
            assertThat(test.get("output_bytes").asLong()).isGreaterThan(100_000_000L / 3);
            Path log = Path.of(test.get("log").asText());
            assertThat(Files.size(log)).isLessThan(256 * 1024 + 70 * 1024);
            String text = Files.readString(log);
            assertThat(text).startsWith("FIRST-LINE").contains("bytes of output left out here").endsWith("LAST-LINE\n");
            assertThat(test.get("output_tail").asText()).contains("LAST-LINE");
            assertThat(failed.get("failure_class").asText()).isEqualTo("logic_error");
        }
    }

    @Test
    void secretsPrintedByATestReachNoLogRecordEventOrAnswer() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        String anthropic = "sk-ant-api03-SECRETVALUE0123456789abcdefghij";
        String github = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        String custom = "hunter2-very-private-value";
        env.put("ANTHROPIC_API_KEY", anthropic);
        env.put("GITHUB_TOKEN", github);
        env.put("MY_SERVICE_PASSWORD", custom);
        // a common debugging line, split across writes, then a failure
        String leak = "printf 'key=%s' \"$ANTHROPIC_API_KEY\"; echo; echo \"token $GITHUB_TOKEN and $MY_SERVICE_PASSWORD\";"
                + " echo \"$ANTHROPIC_API_KEY\" | base64; exit 1";
        try (WireSession wire = session(env)) {
            JsonNode failed = run(wire, packet("Print the environment", leak), ws,
                    "[\"sh\", \"-c\", \"echo agent sees $GITHUB_TOKEN\"]");
            assertThat(failed.get("state").asText()).isEqualTo("failed");
            assertThat(failed.at("/evidence/output_tail").asText() + failed.at("/attempt_history/0/acceptance/0/output_tail").asText())
                    .contains("key=***");
            List<String> secrets = List.of(anthropic, github, custom,
                    java.util.Base64.getEncoder().encodeToString((anthropic + "\n").getBytes()).substring(0, 20));
            for (JsonNode line : wire.lines()) {
                for (String secret : secrets) {
                    assertThat(line.toString()).doesNotContain(secret);
                }
            }
            try (Stream<Path> files = Files.walk(tmp.resolve("state"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String content = Files.readString(file);
                    for (String secret : secrets) {
                        assertThat(content).as("%s", file).doesNotContain(secret);
                    }
                }
            }
        }
    }
}
