package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static dev.harness.worker.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.json.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Done when", through the wire alone. */
class WorkerLifecycleWireTest {
    @TempDir
    Path tmp;
    Path trusted;
    Path elsewhere;
    Path agents;
    WireSession wire;

    @BeforeEach
    void start() throws Exception {
        trusted = Files.createDirectories(tmp.resolve("trusted"));
        elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        agents = tmp.resolve("agents");
        Path policy = Fixtures.write(tmp.resolve("config/policy.yaml"), "trusted_roots:\n  - " + trusted + "\n");
        wire = new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", tmp.resolve("state").toString(),
                "--trust-policy", policy.toString(), "--recipes", Fixtures.fastRecipes(tmp).toString(), "--kill-grace-ms", "300");
    }

    @AfterEach
    void stop() throws Exception {
        wire.close();
    }

    private String spawnIn(Path workspace, ObjectNode packet, String agent) {
        return wire.ok("spawn_worker", spawn(packet, workspace, agent)).get("worker_id").asText();
    }

    private JsonNode runAndWait(String worker) {
        assertThat(wire.ok("run_worker", id(worker)).get("state").asText()).isEqualTo("running");
        return wire.ok("wait_worker", id(worker));
    }

    private JsonNode event(String worker, String kind) {
        return wire.events(worker).stream().filter(e -> e.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " event in " + wire.kinds(worker)));
    }

    @Test
    void aWorkerInATrustedRootRunsWithoutAPrompt() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("app"));
        ObjectNode packet = packet("Write the greeting", "grep -q hello out.txt");
        packet.put("id", "greet");
        String worker = spawnIn(ws, packet, template(Fixtures.agent(agents, "write-file.sh"), "out.txt", "hello"));

        JsonNode trust = wire.ok("check_trust", id(worker));
        assertThat(trust.get("requires_approval").asBoolean()).isFalse();
        assertThat(trust.get("state").asText()).isEqualTo("ready_for_prompt");
        JsonNode resolved = event(worker, "trust_resolved");
        assertThat(resolved.at("/payload/source").asText()).isEqualTo("auto_allowlist");
        assertThat(resolved.at("/payload/root").asText()).isEqualTo(trusted.toRealPath().toString());

        JsonNode done = runAndWait(worker);
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(done.get("failure_class").isNull()).isTrue();
        assertThat(done.at("/acceptance/0/passed").asBoolean()).isTrue();
        assertThat(done.at("/acceptance/0/exit_code").asInt()).isZero();
        assertThat(Files.readString(ws.resolve("out.txt")).strip()).isEqualTo("hello");
        String agentLog = Files.readString(Path.of(done.at("/attempt_history/0/agent_log").asText()));
        assertThat(agentLog).contains("task=greet", "worker=" + worker, "attempt=1", "objective=Write the greeting");
        assertThat(wire.kinds(worker)).containsSubsequence("spawning", "trust_resolved", "ready_for_prompt", "running",
                "attempt_started", "agent_exited", "acceptance_test_result", "finished");
        wire.assertEventsSchemaValid();
    }

    @Test
    void aWorkerOutsideTrustedRootsWaitsUntilMarkTrusted() throws Exception {
        Path ws = Files.createDirectories(elsewhere.resolve("app"));
        ObjectNode packet = packet("Write the greeting", "test -f out.txt");
        String worker = spawnIn(ws, packet, template(Fixtures.agent(agents, "write-file.sh"), "out.txt", "hello"));

        JsonNode trust = wire.ok("check_trust", id(worker));
        assertThat(trust.get("requires_approval").asBoolean()).isTrue();
        assertThat(trust.get("reason").asText()).contains("no trusted root");

        JsonNode refused = wire.error("run_worker", id(worker));
        assertThat(refused.get("code").asInt()).isEqualTo(-32021);
        assertThat(refused.at("/data/current_state").asText()).isEqualTo("trust_required");
        assertThat(refused.at("/data/allowed").toString()).contains("ready_for_prompt", "failed", "cancelled");
        assertThat(refused.at("/data/requested").asText()).isEqualTo("running");
        assertThat(ws.resolve("out.txt")).doesNotExist();
        assertThat(wire.ok("get_worker", id(worker)).get("state").asText()).isEqualTo("trust_required");

        ObjectNode approve = id(worker);
        approve.put("approval_source", "human_tty");
        approve.put("approver", "alice");
        approve.put("comment", "looked at the packet");
        JsonNode approved = wire.ok("mark_trusted", approve);
        assertThat(approved.get("success").asBoolean()).isTrue();
        JsonNode resolved = event(worker, "trust_resolved").get("payload");
        assertThat(resolved.get("approver").asText()).isEqualTo("alice");
        assertThat(resolved.get("source").asText()).isEqualTo("human_tty");
        assertThat(resolved.get("comment").asText()).isEqualTo("looked at the packet");
        assertThat(resolved.get("digest").asText()).isEqualTo(Digest.ofJson(packet)).matches("[0-9a-f]{64}");

        JsonNode done = runAndWait(worker);
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.at("/approval/approver").asText()).isEqualTo("alice");
        assertThat(ws.resolve("out.txt")).exists();
        wire.assertEventsSchemaValid();
    }

    @Test
    void firstClientShapesWorkUnchanged() throws Exception {
        Path ws = Files.createDirectories(elsewhere.resolve("dash/src/theme"));
        ObjectNode packet = (ObjectNode) dev.harness.protocol.Json.parse("{\"objective\":\"Create theme provider\",\"scope\":"
                + "\"module\",\"scope_path\":\"src/theme\",\"acceptance_tests\":[\"true\"],\"commit_policy\":\"single verified"
                + " commit\",\"escalation_policy\":\"stop on destructive ambiguity\"}");
        ObjectNode params = dev.harness.protocol.Json.object();
        params.set("task_packet", packet);
        params.put("workspace", elsewhere.resolve("dash").toString());
        String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
        assertThat(worker).matches("worker_\\d+_\\d+(_\\d+)?");
        assertThat(wire.ok("check_trust", id(worker)).get("requires_approval").asBoolean()).isTrue();
        ObjectNode mark = id(worker);
        mark.put("approval_source", "human_approval");
        assertThat(wire.ok("mark_trusted", mark).get("success").asBoolean()).isTrue();
        JsonNode snapshot = wire.ok("get_worker", id(worker));
        assertThat(snapshot.get("state").asText()).isEqualTo("ready_for_prompt");
        assertThat(snapshot.get("scope_path").asText()).isEqualTo("src/theme");
        assertThat(snapshot.at("/approval/approver").asText()).isEqualTo("tester");

        JsonNode unknown = wire.error("check_trust", id("worker_1234_1704067200"));
        assertThat(unknown.get("code").asInt()).isEqualTo(-32020);
        assertThat(unknown.get("message").asText()).contains("worker_1234_1704067200");
        assertThat(wire.error("mark_trusted", Fixtures.with(id("worker_1234_1704067200"), "approval_source", "human_approval"))
                .get("code").asInt()).isEqualTo(-32020);
        assertThat(wire.error("get_worker", id("worker_1234_1704067200")).get("code").asInt()).isEqualTo(-32020);
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffAndFinishes() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("flaky"));
        String worker = spawnIn(ws, packet("Call the API", "test -f done.txt"),
                template(Fixtures.agent(agents, "flaky-429.sh"), tmp.resolve("counter").toString()));
        wire.ok("check_trust", id(worker));
        JsonNode done = runAndWait(worker);

        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        JsonNode classified = event(worker, "failure_classified").get("payload");
        assertThat(classified.get("failure_class").asText()).isEqualTo("transient");
        assertThat(classified.at("/evidence/line").asText()).contains("429");
        JsonNode retry = event(worker, "recovery_attempted");
        assertThat(retry.at("/payload/delay_ms").asLong()).isEqualTo(10);
        assertThat(retry.at("/payload/next_attempt").asInt()).isEqualTo(2);
        assertThat(event(worker, "recovery_applied").at("/payload/outcome").asText()).isEqualTo("recovered");
        assertThat(wire.kinds(worker)).containsSubsequence("agent_exited", "failure_classified", "recovery_attempted",
                "running", "attempt_started", "agent_exited", "acceptance_test_result", "recovery_applied", "finished");
        assertThat(done.at("/attempt_history/0/outcome").asText()).isEqualTo("failed");
        assertThat(done.at("/attempt_history/1/outcome").asText()).isEqualTo("passed");
        wire.assertEventsSchemaValid();
    }

    @Test
    void aPermissionFailureEscalatesAndWaitsForDecide() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("deploy"));
        String worker = spawnIn(ws, packet("Deploy", "test -f granted.txt"),
                template(Fixtures.agent(agents, "permission-once.sh"), tmp.resolve("counter").toString()));
        wire.ok("check_trust", id(worker));
        JsonNode failed = runAndWait(worker);

        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("escalation_required").asBoolean()).isTrue();
        assertThat(failed.get("failure_class").asText()).isEqualTo("permission");
        assertThat(failed.at("/evidence/exit_code").asInt()).isEqualTo(126);
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(wire.kinds(worker)).containsSubsequence("failure_classified", "permission_required", "recovery_escalation", "failed");
        assertThat(wire.kinds(worker)).doesNotContain("recovery_attempted");
        assertThat(event(worker, "recovery_escalation").at("/payload/allowed_decisions").toString()).contains("retry");
        // it stays there: waiting again returns at once, still failed, nothing ran
        assertThat(wire.ok("wait_worker", id(worker)).get("attempts").asInt()).isEqualTo(1);

        ObjectNode decide = id(worker);
        decide.put("decision", "retry");
        decide.put("approver", "bob");
        decide.put("comment", "made deploy.sh executable");
        decide.put("source", "web"); // decided in the dashboard: the worker's own record says so, not a default
        JsonNode decided = wire.ok("decide", decide);
        assertThat(decided.get("state").asText()).isEqualTo("ready_for_prompt");
        assertThat(decided.at("/decision/approver").asText()).isEqualTo("bob");
        assertThat(decided.at("/decision/source").asText()).isEqualTo("web");
        assertThat(event(worker, "decision_recorded").at("/payload/source").asText()).isEqualTo("web");
        assertThat(event(worker, "decision_recorded").at("/payload/decision").asText()).isEqualTo("retry");
        assertThat(event(worker, "decision_recorded").at("/payload/trust_rechecked").asBoolean()).isTrue();

        JsonNode done = runAndWait(worker);
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        JsonNode again = wire.error("decide", decide);
        assertThat(again.get("code").asInt()).isEqualTo(-32025);
        assertThat(again.at("/data/current_state").asText()).isEqualTo("finished");
        wire.assertEventsSchemaValid();
    }

    @Test
    void aLogicErrorIsRetriedOnceWithTheFailureFedBack() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("feature"));
        // the complaint lives in the test script, so only the failure output can carry it into the prompt
        Files.writeString(ws.resolve("check.sh"),
                "grep -q done feature.txt || { echo 'assertion failed: feature.txt must say done'; exit 1; }\n");
        String worker = spawnIn(ws, packet("Finish the feature", "sh check.sh"), template(Fixtures.agent(agents, "fix-on-feedback.sh")));
        wire.ok("check_trust", id(worker));
        JsonNode done = runAndWait(worker);

        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        JsonNode classified = event(worker, "failure_classified").get("payload");
        assertThat(classified.get("failure_class").asText()).isEqualTo("logic_error");
        assertThat(classified.at("/evidence/source").asText()).isEqualTo("acceptance_test");
        assertThat(event(worker, "recovery_attempted").at("/payload/with_feedback").asBoolean()).isTrue();
        Path secondPrompt = Path.of(done.at("/attempt_history/1/log_dir").asText()).resolve("prompt.md");
        assertThat(Files.readString(secondPrompt)).contains("Previous attempt failed", "feature.txt must say done");
        Path firstPrompt = Path.of(done.at("/attempt_history/0/log_dir").asText()).resolve("prompt.md");
        assertThat(Files.readString(firstPrompt)).contains("Finish the feature").doesNotContain("Previous attempt failed");
        wire.assertEventsSchemaValid();
    }

    @Test
    void aLogicErrorIsRetriedOnlyOnce() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("stubborn"));
        String worker = spawnIn(ws, packet("Finish the feature", "grep -q done feature.txt"),
                template(Fixtures.agent(agents, "write-file.sh"), "feature.txt", "wip"));
        wire.ok("check_trust", id(worker));
        JsonNode failed = runAndWait(worker);

        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get("escalation_required").asBoolean()).isTrue();
        assertThat(wire.kinds(worker).stream().filter("recovery_attempted"::equals)).hasSize(1);
        assertThat(event(worker, "recovery_escalation").at("/payload/reason").asText()).contains("used up");
        assertThat(event(worker, "recovery_applied").at("/payload/outcome").asText()).isEqualTo("failed_again");
    }

    @Test
    void anUnrecoverableFailureIsNotRetried() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("missing"));
        String worker = spawnIn(ws, packet("Use a tool that is not installed", "true"), "[\"no-such-agent-xyz\", \"{prompt}\"]");
        wire.ok("check_trust", id(worker));
        JsonNode failed = runAndWait(worker);

        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("failure_class").asText()).isEqualTo("unrecoverable");
        assertThat(failed.at("/evidence/detail").asText()).contains("no-such-agent-xyz");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(wire.kinds(worker)).doesNotContain("recovery_attempted");

        // the person may have installed the tool: a retry is honoured even though the recipe grants none
        ObjectNode retry = id(worker);
        retry.put("decision", "retry");
        retry.put("run", true);
        wire.ok("decide", retry);
        JsonNode again = wire.ok("wait_worker", id(worker));
        assertThat(again.get("state").asText()).isEqualTo("failed");
        assertThat(again.get("attempts").asInt()).isEqualTo(2);
        assertThat(again.get("escalation_required").asBoolean()).isTrue();
        JsonNode honoured = wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("decision_recorded"))
                .findFirst().orElseThrow();
        assertThat(honoured.at("/payload/beyond_recipe").asBoolean()).isTrue();

        ObjectNode abort = id(worker);
        abort.put("decision", "abort");
        ObjectNode unknownSource = abort.deepCopy().put("source", "carrier_pigeon");
        assertThat(wire.error("decide", unknownSource).get("code").asInt()).isEqualTo(-32602);
        JsonNode aborted = wire.ok("decide", abort);
        assertThat(aborted.at("/decision/source").asText()).isEqualTo("human_decision"); // no source given: the default
        assertThat(aborted.get("state").asText()).isEqualTo("failed");
        assertThat(aborted.get("escalation_required").asBoolean()).isFalse();
        assertThat(aborted.at("/decision/decision").asText()).isEqualTo("abort");
        // abort is final: nothing more can be decided
        assertThat(wire.error("decide", retry).get("code").asInt()).isEqualTo(-32025);
        wire.assertEventsSchemaValid();
    }

    @Test
    void aPersonsRetryAfterTheRetryBudgetIsUsedIsHonouredAndCompletesOnceTheTestIsFixed() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("fixable"));
        Files.writeString(ws.resolve("check.sh"), "grep -q done feature.txt\n");
        String worker = spawnIn(ws, packet("Finish the feature", "sh check.sh"),
                template(Fixtures.agent(agents, "write-file.sh"), "feature.txt", "wip"));
        wire.ok("check_trust", id(worker));
        JsonNode failed = runAndWait(worker);
        assertThat(failed.get("escalation_required").asBoolean()).isTrue();
        assertThat(failed.get("attempts").asInt()).isEqualTo(2);

        // first retry without a fix: honoured, fails again, escalates again
        ObjectNode retry = id(worker);
        retry.put("decision", "retry");
        retry.put("run", true);
        wire.ok("decide", retry);
        JsonNode second = wire.ok("wait_worker", id(worker));
        assertThat(second.get("state").asText()).isEqualTo("failed");
        assertThat(second.get("attempts").asInt()).isEqualTo(3);
        assertThat(second.get("escalation_required").asBoolean()).isTrue();

        // the person fixes the test, then retries once more: beyond the recipe's count, still honoured
        Files.writeString(ws.resolve("check.sh"), "grep -q wip feature.txt\n");
        JsonNode decided = wire.ok("decide", retry);
        assertThat(decided.at("/decision/human_retry").asInt()).isEqualTo(2);
        assertThat(decided.at("/decision/beyond_recipe").asBoolean()).isTrue();
        assertThat(decided.at("/decision/next_attempt").asInt()).isEqualTo(4);
        JsonNode done = wire.ok("wait_worker", id(worker));
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("attempts").asInt()).isEqualTo(4);
        assertThat(done.get("decisions")).hasSize(2);
        // one attempt numbering: the history, the events and the counter agree
        assertThat(done.get("attempt_history")).hasSize(4);
        assertThat(done.at("/attempt_history/3/attempt").asInt()).isEqualTo(4);
        assertThat(wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("attempt_started"))
                .map(e -> e.path("attempt").asInt()).toList()).containsExactly(1, 2, 3, 4);
        wire.assertEventsSchemaValid();
    }

    @Test
    void anEscalationPolicyOfSkipDecidesWithoutAHuman() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("skip"));
        ObjectNode packet = packet("Use a tool that is not installed", "true");
        packet.put("escalation_policy", "skip");
        String worker = spawnIn(ws, packet, "[\"no-such-agent-xyz\"]");
        wire.ok("check_trust", id(worker));
        JsonNode failed = runAndWait(worker);
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("escalation_required").asBoolean()).isFalse();
        assertThat(failed.at("/decision/decision").asText()).isEqualTo("skip");
        assertThat(failed.at("/decision/source").asText()).isEqualTo("escalation_policy");
        assertThat(wire.kinds(worker)).containsSubsequence("recovery_escalation", "decision_recorded", "failed");
    }

    @Test
    void aMissingScopePathIsUnrecoverable() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("vanish/src/mod"));
        ObjectNode packet = packet("Touch the module", "true");
        packet.put("scope", "module");
        packet.put("scope_path", "src/mod");
        String worker = spawnIn(trusted.resolve("vanish"), packet, null);
        wire.ok("check_trust", id(worker));
        Files.delete(ws);
        JsonNode failed = runAndWait(worker);
        assertThat(failed.get("failure_class").asText()).isEqualTo("unrecoverable");
        assertThat(failed.at("/evidence/detail").asText()).contains("src/mod", "no longer exists");
    }

    @Test
    void theNoneAgentRunsOnlyTheAcceptanceTests() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("tests-only"));
        Files.writeString(ws.resolve("marker"), "x");
        String worker = spawnIn(ws, packet("Check the marker", "test -f marker", "echo second"), null);
        wire.ok("check_trust", id(worker));
        JsonNode done = runAndWait(worker);
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("agent").asText()).isEqualTo("none");
        assertThat(done.get("acceptance")).hasSize(2);
        assertThat(done.at("/acceptance/1/output_tail").asText()).contains("second");
        assertThat(wire.kinds(worker)).doesNotContain("agent_exited");
    }

    @Test
    void withNoAgentAFailingCheckIsNotRunAgainButDecided() throws Exception {
        // the logic_error recipe would retry with feedback; with no agent to hear it, the same check on
        // the same tree would fail again, so the check runs once and the person decides at once
        Path ws = Files.createDirectories(trusted.resolve("fails-alone"));
        String worker = spawnIn(ws, packet("Check the marker", "echo ran >> " + tmp.resolve("runs.txt") + "; test -f marker"), null);
        wire.ok("check_trust", id(worker));
        JsonNode failed = runAndWait(worker);
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("failure_class").asText()).isEqualTo("logic_error");
        assertThat(failed.get("escalation_required").asBoolean()).isTrue();
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("failure_summary").asText()).contains("with no agent nothing would change",
                "until you fix the check or the workspace, then retry");
        assertThat(Files.readAllLines(tmp.resolve("runs.txt"))).containsExactly("ran");
        assertThat(wire.kinds(worker)).contains("failure_classified", "recovery_escalation").doesNotContain("recovery_attempted");
        JsonNode escalation = wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("recovery_escalation"))
                .findFirst().orElseThrow();
        assertThat(escalation.at("/payload/reason").asText()).isEqualTo("not retried: " + failed.get("failure_summary").asText());
        wire.assertEventsSchemaValid();
    }

    @Test
    void aPromptGoesOnStdinWhenTheTemplateHasNoPlaceholder() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("stdin"));
        String worker = spawnIn(ws, packet("Read the prompt from stdin", "test -s prompt-copy.txt"),
                template(Fixtures.agent(agents, "prompt-on-stdin.sh")));
        wire.ok("check_trust", id(worker));
        ObjectNode run = id(worker);
        run.put("prompt", "Mind the tabs.");
        wire.ok("run_worker", run);
        JsonNode done = wire.ok("wait_worker", id(worker));
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(Files.readString(ws.resolve("prompt-copy.txt"))).contains("Read the prompt from stdin", "Mind the tabs.",
                "test -s prompt-copy.txt");
    }

    @Test
    void theAgentReadsAPasswordInThePersonsCheckAsWrittenAndThePromptKeptAfterwardsIsMasked() throws Exception {
        Path ws = Files.createDirectories(trusted.resolve("password"));
        String check = "test -s prompt-copy.txt || psql postgres://u:hunter2pw-literal@db.example.invalid/app";
        String worker = spawnIn(ws, packet("Check the database", check), template(Fixtures.agent(agents, "prompt-on-stdin.sh")));
        wire.ok("check_trust", id(worker));
        JsonNode done = runAndWait(worker);
        assertThat(done.get("state").asText()).isEqualTo("finished");
        // the agent is told to make the check exit 0 and may run it: it gets the command as the person wrote it
        assertThat(Files.readString(ws.resolve("prompt-copy.txt"))).contains("postgres://u:hunter2pw-literal@db");
        // what stays beside the attempt's logs is masked like them
        Path kept = Path.of(done.at("/attempt_history/0/log_dir").asText()).resolve("prompt.md");
        assertThat(Files.readString(kept)).contains("Check the database", "postgres://u:***@db.example.invalid/app")
                .doesNotContain("hunter2pw-literal");
    }

    @Test
    void workersRunInABoundedPool() throws Exception {
        wire.close();
        Path policy = Fixtures.write(tmp.resolve("config/policy2.yaml"), "trusted_roots: [" + trusted + "]\n");
        wire = new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", tmp.resolve("state2").toString(),
                "--trust-policy", policy.toString(), "--max-workers", "1");
        Path ws = Files.createDirectories(trusted.resolve("pool"));
        String slow = "[\"sh\", \"-c\", \"sleep 0.3\"]";
        String first = spawnIn(ws, packet("one", "true"), slow);
        String second = spawnIn(ws, packet("two", "true"), slow);
        wire.ok("check_trust", id(first));
        wire.ok("check_trust", id(second));
        wire.ok("run_worker", id(first));
        wire.ok("run_worker", id(second));
        assertThat(wire.ok("wait_worker", id(first)).get("state").asText()).isEqualTo("finished");
        assertThat(wire.ok("wait_worker", id(second)).get("state").asText()).isEqualTo("finished");
        List<JsonNode> lines = wire.lines();
        int firstFinished = indexOf(lines, first, "finished");
        int secondStarted = indexOf(lines, second, "attempt_started");
        assertThat(secondStarted).as("the second attempt waits for the only slot").isGreaterThan(firstFinished);
    }

    @Test
    void manyWorkersRunAtOnceWithoutTheirEventsInterleaving() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path ws = Files.createDirectories(trusted.resolve("many-" + i));
            String worker = spawnIn(ws, packet("Worker " + i, "test -f out.txt"),
                    template(Fixtures.agent(agents, "write-file.sh"), "out.txt", "worker " + i));
            wire.ok("check_trust", id(worker));
            wire.ok("run_worker", id(worker));
            ids.add(worker);
        }
        for (String worker : ids) {
            assertThat(wire.ok("wait_worker", id(worker)).get("state").asText()).isEqualTo("finished");
            assertThat(wire.kinds(worker)).endsWith("finished");
        }
        for (int i = 0; i < 6; i++) {
            assertThat(Files.readString(trusted.resolve("many-" + i).resolve("out.txt")).strip()).isEqualTo("worker " + i);
        }
        wire.assertEventsSchemaValid(); // every line parsed as one JSON value, every event valid
    }

    private static int indexOf(List<JsonNode> lines, String worker, String kind) {
        for (int i = 0; i < lines.size(); i++) {
            JsonNode p = lines.get(i).path("params");
            if (p.path("worker_id").asText().equals(worker) && p.path("kind").asText().equals(kind)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " for " + worker);
    }

    @Test
    void eventsOfARequestAreWrittenBeforeItsResponse() throws Exception {
        Path ws = Files.createDirectories(elsewhere.resolve("order"));
        String worker = spawnIn(ws, packet("Order", "true"), null);
        wire.ok("check_trust", id(worker));
        ObjectNode mark = id(worker);
        mark.put("approval_source", "cli_flag");
        wire.ok("mark_trusted", mark);
        List<JsonNode> lines = wire.lines();
        int ready = indexOf(lines, worker, "ready_for_prompt");
        int response = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).has("result") && lines.get(i).path("result").has("success")) {
                response = i;
            }
        }
        assertThat(ready).isLessThan(response);
    }
}
