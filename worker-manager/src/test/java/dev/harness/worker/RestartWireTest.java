package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static dev.harness.worker.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted worker manager still tells each worker's story; one killed mid-run leaves its worker interrupted. */
class RestartWireTest {
    @TempDir
    Path tmp;

    private String[] args(Path policy) {
        return new String[] {"--state-dir", tmp.resolve("state").toString(), "--trust-policy", policy.toString(),
                "--kill-grace-ms", "200"};
    }

    @Test
    void getWorkerAfterARestartTellsEachWorkersStory() throws Exception {
        Path trusted = Files.createDirectories(tmp.resolve("trusted"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + trusted + "\"]\n");
        Path agents = tmp.resolve("agents");
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        String finished;
        String escalated;
        String waiting;
        try (WireSession first = new WireSession(env, args(policy))) {
            finished = first.ok("spawn_worker", spawn(packet("Write", "test -f a.txt"), trusted,
                    template(Fixtures.agent(agents, "write-file.sh"), "a.txt", "1"))).get("worker_id").asText();
            first.ok("check_trust", id(finished));
            first.ok("run_worker", id(finished));
            first.ok("wait_worker", id(finished));

            escalated = first.ok("spawn_worker", spawn(packet("Deploy", "test -f granted.txt"), trusted,
                    template(Fixtures.agent(agents, "permission-once.sh"), tmp.resolve("count").toString()))).get("worker_id").asText();
            first.ok("check_trust", id(escalated));
            first.ok("run_worker", id(escalated));
            first.ok("wait_worker", id(escalated));

            waiting = first.ok("spawn_worker", spawn(packet("Elsewhere", "true"), outside, null)).get("worker_id").asText();
            first.ok("check_trust", id(waiting));
        }

        try (WireSession second = new WireSession(env, args(policy))) {
            Map<String, String> states = new java.util.HashMap<>();
            for (JsonNode w : second.ok("list_workers", Json.object()).get("workers")) {
                states.put(w.get("worker_id").asText(), w.get("state").asText());
            }
            assertThat(states).containsEntry(finished, "finished").containsEntry(escalated, "failed")
                    .containsEntry(waiting, "trust_required");

            JsonNode story = second.ok("get_worker", id(finished));
            assertThat(kinds(story)).containsSubsequence("spawning", "trust_resolved", "ready_for_prompt", "running",
                    "attempt_started", "agent_exited", "acceptance_test_result", "finished");
            assertThat(story.at("/acceptance/0/passed").asBoolean()).isTrue();
            for (JsonNode log : story.get("logs")) {
                assertThat(Path.of(log.asText())).exists();
            }
            JsonNode failed = second.ok("get_worker", id(escalated));
            assertThat(failed.get("escalation_required").asBoolean()).isTrue();
            assertThat(failed.get("failure_class").asText()).isEqualTo("permission");
            assertThat(kinds(failed)).containsSubsequence("failure_classified", "permission_required", "recovery_escalation", "failed");
            var schema = dev.harness.protocol.SchemaCatalog.shared().named("worker-event");
            for (JsonNode event : failed.get("events")) {
                assertThat(schema.validate(event)).isEmpty();
            }
            // the story goes on where it stopped: the decision is still pending and can be taken now
            ObjectNode decide = id(escalated);
            decide.put("decision", "retry");
            decide.put("run", true);
            assertThat(second.ok("decide", decide).get("state").asText()).isEqualTo("running");
            assertThat(second.ok("wait_worker", id(escalated)).get("state").asText()).isEqualTo("finished");
            ObjectNode onlyWaiting = Json.object();
            onlyWaiting.put("state", "trust_required");
            assertThat(second.ok("list_workers", onlyWaiting).get("workers")).hasSize(1);
            // event numbering continues after the restart
            JsonNode last = second.events(escalated).get(second.events(escalated).size() - 1);
            assertThat(last.get("seq").asInt()).isGreaterThan(failed.get("event_count").asInt() - 1);
        }
    }

    @Test
    void aWorkerWhoseManagerWasKilledIsMarkedInterrupted() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("trusted"));
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + ws + "\"]\n");
        Path pidFile = tmp.resolve("child.pid");
        Path hang = Fixtures.agent(tmp.resolve("agents"), "hang.sh");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerManager.class.getName()));
        command.addAll(List.of(args(policy)));
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString());
        String worker;
        RpcClient client = RpcClient.start("worker-manager", command, tmp, env, tmp.resolve("stderr.log"), n -> { });
        try {
            Duration limit = Duration.ofSeconds(60);
            worker = client.call("spawn_worker", spawn(packet("Hang", "true"), ws, template(hang, pidFile.toString())), limit)
                    .get("worker_id").asText();
            client.call("check_trust", id(worker), limit);
            client.call("run_worker", id(worker), limit);
            for (int i = 0; i < 1000 && !Files.exists(pidFile); i++) {
                Thread.sleep(10);
            }
            client.process().destroyForcibly(); // SIGKILL: no chance to clean up
            client.process().waitFor();
        } finally {
            client.close();
        }
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroyForcibly);

        try (WireSession restarted = new WireSession(Fixtures.env(tmp.resolve("home")), args(policy))) {
            JsonNode snapshot = restarted.ok("get_worker", id(worker));
            assertThat(snapshot.get("state").asText()).isEqualTo("failed");
            assertThat(snapshot.get("escalation_required").asBoolean()).isTrue();
            assertThat(snapshot.at("/evidence/source").asText()).isEqualTo("interrupted");
            assertThat(kinds(snapshot)).containsSubsequence("running", "attempt_started", "interrupted", "failed");
            assertThat(restarted.kinds(worker)).containsExactly("interrupted", "failed");
            restarted.assertEventsSchemaValid();
        }
    }

    @Test
    void anApprovalNoLongerHoldsOnceThePacketChanged() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "{}\n");
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        String worker;
        try (WireSession first = new WireSession(env, args(policy))) {
            worker = first.ok("spawn_worker", spawn(packet("Write the docs", "touch ran.txt"), ws, null)).get("worker_id").asText();
            first.ok("check_trust", id(worker));
            first.ok("mark_trusted", Fixtures.with(id(worker), "approval_source", "human_tty"));
        }
        // someone edits what was approved behind the manager's back
        Path record = tmp.resolve("state/records/" + worker + ".json");
        ObjectNode stored = (ObjectNode) Json.parse(Files.readString(record));
        ((ObjectNode) stored.get("task_packet")).put("objective", "Delete the docs");
        Files.writeString(record, Json.write(stored));
        try (WireSession second = new WireSession(env, args(policy))) {
            JsonNode refused = second.error("run_worker", id(worker));
            assertThat(refused.get("code").asInt()).isEqualTo(-32022);
            assertThat(refused.get("message").asText()).contains("no longer holds");
            assertThat(refused.at("/data/approved_digest").asText()).isNotEqualTo(refused.at("/data/packet_digest").asText());
            assertThat(second.ok("get_worker", id(worker)).get("state").asText()).isEqualTo("ready_for_prompt");
        }
        assertThat(ws.resolve("ran.txt")).doesNotExist();
    }

    private static List<String> kinds(JsonNode snapshot) {
        List<String> kinds = new ArrayList<>();
        snapshot.get("events").forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }
}
