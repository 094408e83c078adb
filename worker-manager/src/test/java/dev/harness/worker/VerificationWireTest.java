package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification that means something (issue 11): a task meant to change code must have changed
 * its scope, beyond its tests passing; the built-in worker's tasks are "verified only — nothing
 * was changed", distinctly from "changed and verified", in the snapshot and the finished event.
 */
class VerificationWireTest {
    @TempDir
    Path tmp;
    Path ws;
    WireSession wire;

    @BeforeEach
    void start() throws Exception {
        ws = Files.createDirectories(tmp.resolve("trusted/ws"));
        Files.createDirectories(ws.resolve("src/theme"));
        Files.writeString(ws.resolve("src/theme/theme.js"), "export const theme = 'light';\n");
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp.resolve("trusted") + "\"]\n");
        wire = new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", ws.resolve(".harness/state").toString(),
                "--trust-policy", policy.toString(), "--kill-grace-ms", "300");
    }

    @AfterEach
    void stop() throws Exception {
        wire.close();
    }

    private ObjectNode changing(String objective) {
        ObjectNode packet = packet(objective, "test -d src/theme");
        packet.put("scope", "module");
        packet.put("scope_path", "src/theme");
        packet.put("commit_policy", "single verified commit");
        return packet;
    }

    private JsonNode run(ObjectNode packet, String agent) {
        String worker = wire.ok("spawn_worker", spawn(packet, ws, agent)).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        return wire.ok("wait_worker", id(worker));
    }

    private JsonNode finishedEvent(String worker) {
        return wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("finished")).findFirst().orElseThrow();
    }

    @Test
    void theBuiltInWorkerVerifiesOnlyAndSaysNothingWasChanged() {
        JsonNode done = run(changing("Add dark mode"), "none");
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("verification").asText()).isEqualTo("verified_unchanged");
        assertThat(finishedEvent(done.get("worker_id").asText()).at("/payload/verification").asText()).isEqualTo("verified_unchanged");
        wire.assertEventsSchemaValid();
    }

    @Test
    void anAgentThatChangedItsScopeIsChangedAndVerified() {
        JsonNode done = run(changing("Add dark mode"), "[\"sh\", \"-c\", \"echo dark > dark.js\"]");
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
        assertThat(done.get("verification").asText()).isEqualTo("changed_and_verified");
        assertThat(done.at("/changes/files").toString()).contains("src/theme/dark.js");
        assertThat(finishedEvent(done.get("worker_id").asText()).at("/payload/changed_files/0").asText()).isEqualTo("src/theme/dark.js");
        wire.assertEventsSchemaValid();
    }

    @Test
    void aTaskMeantToChangeCodeWhoseAgentChangedNothingFailsHoweverGreenItsTests() {
        // the whole workspace is the scope, the harness keeps its state (logs, records) in it, and the
        // agent only writes under .harness/: none of that is a change
        ObjectNode packet = changing("Add dark mode");
        packet.remove("scope_path");
        packet.put("scope", "workspace");
        JsonNode failed = run(packet, "[\"sh\", \"-c\", \"echo x > .harness/note\"]");
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("failure_class").asText()).isEqualTo("logic_error");
        assertThat(failed.at("/evidence/source").asText()).isEqualTo("no_change");
        assertThat(failed.at("/evidence/detail").asText()).contains("the workspace", "changed nothing");
        assertThat(failed.at("/attempt_history/0/acceptance/0/passed").asBoolean()).isTrue();
        assertThat(failed.has("verification")).isFalse();
        wire.assertEventsSchemaValid();
    }

    /**
     * The retry after no_change passed its checks and changed nothing again: that is not a recovery. The log said
     * "recovery recovered" right before the second no_change and the escalation.
     */
    @Test
    void aRetryThatAgainChangesNothingIsNotARecovery() {
        JsonNode failed = run(changing("Add dark mode"), "[\"sh\", \"-c\", \"true\"]");
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(2);
        String worker = failed.get("worker_id").asText();
        JsonNode applied = wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("recovery_applied"))
                .findFirst().orElseThrow().path("payload");
        assertThat(applied.path("outcome").asText()).isEqualTo("failed_again");
        assertThat(applied.path("new_failure_class").asText()).isEqualTo("logic_error");
        wire.assertEventsSchemaValid();
    }

    @Test
    void aTaskNotMeantToChangeCodeIsVerifiedUnchangedWithAnAgentToo() {
        ObjectNode packet = changing("Check the theme");
        packet.put("expects_change", false);
        JsonNode done = run(packet, "[\"sh\", \"-c\", \"true\"]");
        assertThat(done.get("state").asText()).isEqualTo("finished");
        assertThat(done.get("verification").asText()).isEqualTo("verified_unchanged");
    }
}
