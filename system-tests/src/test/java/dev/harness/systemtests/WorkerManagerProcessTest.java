package dev.harness.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcClient;
import dev.harness.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker manager's boundaries through the real executable (bin/worker-manager), where they
 * were found broken: a relative trust root, a gigabyte of test output, a double-forked agent
 * child, a scope swapped for a link, thousands of workers, and a person's retry after the
 * recipe's retries were used.
 */
class WorkerManagerProcessTest {
    private static final Path HOME = Paths.get(System.getProperty("harness.home")).toAbsolutePath().normalize();
    private static final Duration CALL = Duration.ofSeconds(120); // stops a hung test; not a timing claim

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        env.put("XDG_STATE_HOME", tmp.resolve("state").toString());
        env.put("HARNESS_WORKER_STATE_DIR", tmp.resolve("workers").toString());
        env.put("HARNESS_TRUST_POLICY", "");
        return env;
    }

    private Path policy() throws Exception {
        Path file = tmp.resolve("policy.yaml");
        Files.createDirectories(tmp.resolve("trusted"));
        Files.writeString(file, "trusted_roots: [\"" + tmp.resolve("trusted").toRealPath() + "\"]\n");
        return file;
    }

    private RpcClient start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/worker-manager").toString(),
                "--trust-policy", policy().toString(), "--kill-grace-ms", "300"));
        command.addAll(List.of(args));
        return RpcClient.start("worker-manager", command, tmp, env(), tmp.resolve("stderr.log"), n -> { });
    }

    private static ObjectNode packet(String objective, String... tests) {
        ObjectNode packet = Json.object();
        packet.put("objective", objective);
        packet.put("scope", "workspace");
        tests = tests.length == 0 ? new String[] {"true"} : tests;
        for (String test : tests) {
            packet.withArray("acceptance_tests").add(test);
        }
        return packet;
    }

    private static ObjectNode spawn(ObjectNode packet, Path workspace, String agent) {
        ObjectNode params = Json.object();
        params.set("task_packet", packet);
        params.put("workspace", workspace.toString());
        if (agent != null) {
            params.put("agent", agent);
        }
        return params;
    }

    private static ObjectNode id(String worker) {
        return Json.object().put("worker_id", worker);
    }

    private static String runToEnd(RpcClient client, ObjectNode spawnParams) throws Exception {
        String worker = client.call("spawn_worker", spawnParams, CALL).get("worker_id").asText();
        client.call("check_trust", id(worker), CALL);
        client.call("run_worker", id(worker), CALL);
        client.call("wait_worker", id(worker), CALL);
        return worker;
    }

    @Test
    void aRelativeTrustRootStopsTheServiceAtStartWithAClearError() throws Exception {
        Path file = tmp.resolve("dot.yaml");
        Files.writeString(file, "trusted_roots: [\".\"]\n");
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/worker-manager").toString(), "--trust-policy", file.toString())
                .directory(tmp.toFile()).redirectError(tmp.resolve("err.txt").toFile());
        builder.environment().putAll(env());
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("err.txt"))).contains("trusted_roots[0] '.' is relative");
    }

    @Test
    void aGigabyteOfTestOutputLeavesALogOfAboutTheCapWithItsTotalRecorded() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("trusted/ws"));
        String gigabyte = "yes 'one line of a flood of test output' | head -c 1073741824; echo; echo LAST; exit 1";
        try (RpcClient client = start("--output-cap", "1m")) {
            String worker = runToEnd(client, spawn(packet("Flood", gigabyte), ws, null));
            JsonNode test = client.call("get_worker", id(worker), CALL).at("/attempt_history/0/acceptance/0");
            assertThat(test.get("output_bytes").asLong()).isGreaterThan(1_073_741_824L);
            assertThat(test.get("output_truncated").asBoolean()).isTrue();
            Path log = Path.of(test.get("log").asText());
            assertThat(Files.size(log)).isLessThan(2L << 20);
            assertThat(Files.readString(log)).contains("bytes of output left out here").endsWith("LAST\n");
        }
    }

    @Test
    void aDoubleForkedAgentChildIsKilledWhenTheAgentEnds() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("trusted/ws"));
        Path pidFile = tmp.resolve("grandchild.pid");
        String agent = Json.write(Json.array().add("sh").add("-c")
                .add("( sleep 300 & echo $! > '" + pidFile + "' ); while [ ! -s '" + pidFile + "' ]; do sleep 0.01; done"));
        try (RpcClient client = start()) {
            String worker = runToEnd(client, spawn(packet("Fork and leave"), ws, agent));
            assertThat(client.call("get_worker", id(worker), CALL).get("state").asText()).isEqualTo("finished");
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        // the kill (TERM, then KILL after the grace) is done when the worker ends; a loaded machine may take a while
        // to reap it, so the bound is generous: it only says how long to wait before calling the child leaked
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        boolean alive = true;
        while (alive && System.nanoTime() < deadline) {
            alive = runningProcess(pid);
            if (alive) {
                Thread.sleep(20);
            }
        }
        assertThat(alive).as("the double-forked grandchild %d", pid).isFalse();
    }

    /** Alive and not a zombie (a zombie is dead, only not yet reaped by its parent); gone between the two reads is dead. */
    private static boolean runningProcess(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            return !Files.readString(Path.of("/proc/" + pid + "/stat")).matches("^\\d+ \\(.*\\) [ZX] .*(?s).*");
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    @Test
    void aDanglingOrSwappedScopeLinkNeverLetsTheAgentOutOfTheWorkspace() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("trusted/ws"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(ws.resolve("keys"), outside.resolve("authorized_keys"));
        Path src = Files.createDirectories(ws.resolve("src"));
        String agent = "[\"sh\", \"-c\", \"echo owned > authorized_keys\"]";
        try (RpcClient client = start()) {
            ObjectNode dangling = packet("Write keys");
            dangling.put("scope_path", "keys");
            RpcException refused = org.junit.jupiter.api.Assertions.assertThrows(RpcException.class,
                    () -> client.call("spawn_worker", spawn(dangling, ws, agent), CALL));
            assertThat(refused.code()).isEqualTo(-32023);

            ObjectNode swapped = packet("Edit src");
            swapped.put("scope_path", "src");
            String worker = client.call("spawn_worker", spawn(swapped, ws, agent), CALL).get("worker_id").asText();
            client.call("check_trust", id(worker), CALL);
            Files.delete(src);
            Files.createSymbolicLink(src, outside);
            client.call("run_worker", id(worker), CALL);
            JsonNode failed = client.call("wait_worker", id(worker), CALL);
            assertThat(failed.get("failure_class").asText()).isEqualTo("permission");
            assertThat(failed.at("/evidence/detail").asText()).contains(outside.toRealPath().toString());
        }
        assertThat(outside.resolve("authorized_keys")).doesNotExist();
    }

    @Test
    void threeThousandWorkersAreListed() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("trusted/ws"));
        String template;
        try (RpcClient client = start()) {
            String worker = client.call("spawn_worker", spawn(packet("One of many"), ws, null), CALL).get("worker_id").asText();
            template = Files.readString(tmp.resolve("workers/records/" + worker + ".json")).replace(worker, "%s");
        }
        for (int i = 0; i < 3000; i++) {
            String id = String.format("worker_many_%04d", i);
            Files.writeString(tmp.resolve("workers/records/" + id + ".json"), template.replace("%s", id), StandardCharsets.UTF_8);
        }
        try (RpcClient client = start()) {
            // page by page (issue 13): each answer a bounded line, every worker once
            java.util.Set<String> seen = new java.util.HashSet<>();
            com.fasterxml.jackson.databind.node.ObjectNode params = Json.object().put("limit", 1000);
            int pages = 0;
            while (true) {
                JsonNode page = client.call("list_workers", params, CALL);
                pages++;
                page.get("workers").forEach(w -> assertThat(seen.add(w.get("worker_id").asText())).isTrue());
                if (page.get("complete").asBoolean()) {
                    break;
                }
                params.put("cursor", page.get("next_cursor").asText());
            }
            assertThat(seen).hasSize(3001);
            assertThat(pages).isEqualTo(4);
        }
    }

    @Test
    void aPersonsRetryAfterTheRetryBudgetIsUsedCompletesOnceTheTestIsFixed() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("trusted/ws"));
        Files.writeString(ws.resolve("check.sh"), "grep -q done feature.txt\n");
        String agent = "[\"sh\", \"-c\", \"echo wip > feature.txt\"]";
        try (RpcClient client = start()) {
            String worker = runToEnd(client, spawn(packet("Finish the feature", "sh check.sh"), ws, agent));
            JsonNode failed = client.call("get_worker", id(worker), CALL);
            assertThat(failed.get("escalation_required").asBoolean()).as(failed.toString()).isTrue();
            int attempts = failed.get("attempts").asInt();

            Files.writeString(ws.resolve("check.sh"), "grep -q wip feature.txt\n"); // the person fixes the test
            ObjectNode retry = id(worker).put("decision", "retry").put("run", true);
            client.call("decide", retry, CALL);
            JsonNode done = client.call("wait_worker", id(worker), CALL);
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
            assertThat(done.get("attempts").asInt()).isEqualTo(attempts + 1);
        }
    }
}
