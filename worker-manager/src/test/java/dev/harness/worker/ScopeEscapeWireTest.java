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
 * A scope holds at every step (issue 20): dangling links are resolved at spawn, and a scope
 * swapped for a link (or a link created where nothing was) after spawn fails the task as a
 * permission failure before anything runs. The agents are real processes that would write
 * through the scope.
 */
class ScopeEscapeWireTest {
    @TempDir
    Path tmp;
    Path ws;
    Path outside;
    WireSession wire;

    /** An agent that writes a file in its working directory, i.e. inside the scope it was given. */
    private static final String WRITES_HERE = "[\"sh\", \"-c\", \"echo owned > authorized_keys\"]";

    @BeforeEach
    void start() throws Exception {
        ws = Files.createDirectories(tmp.resolve("trusted/ws"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Path policy = Fixtures.write(tmp.resolve("config/policy.yaml"), "trusted_roots:\n  - " + tmp.resolve("trusted") + "\n");
        wire = new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", tmp.resolve("state").toString(),
                "--trust-policy", policy.toString(), "--kill-grace-ms", "300");
    }

    @AfterEach
    void stop() throws Exception {
        wire.close();
    }

    private ObjectNode scoped(String scopePath) {
        ObjectNode packet = packet("Edit the module", "true");
        packet.put("scope", "module");
        packet.put("scope_path", scopePath);
        return packet;
    }

    @Test
    void aDanglingLinkOutOfTheWorkspaceIsRefusedAtSpawn() throws Exception {
        Files.createSymbolicLink(ws.resolve("keys"), outside.resolve("ssh/authorized_keys"));
        Files.createSymbolicLink(ws.resolve("later"), outside.resolve("not-yet"));
        for (String scope : new String[] {"keys", "later", "later/deeper/file.txt"}) {
            JsonNode error = wire.error("spawn_worker", spawn(scoped(scope), ws, WRITES_HERE));
            assertThat(error.get("code").asInt()).as(scope).isEqualTo(-32023);
            assertThat(error.at("/data/resolved").asText()).as(scope).startsWith(outside.toRealPath().toString());
        }
        // a dangling link that stays inside is fine: the scope will be created there
        Files.createSymbolicLink(ws.resolve("inner"), ws.resolve("src/new"));
        JsonNode ok = wire.ok("spawn_worker", spawn(scoped("inner"), ws, WRITES_HERE));
        assertThat(wire.ok("get_worker", id(ok.get("worker_id").asText())).get("scope_path").asText()).isEqualTo("src/new");
    }

    @Test
    void aScopeSwappedForALinkAfterSpawnFailsAsPermissionAndNothingRuns() throws Exception {
        Path src = Files.createDirectories(ws.resolve("src"));
        String worker = wire.ok("spawn_worker", spawn(scoped("src"), ws, WRITES_HERE)).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        Files.delete(src);
        Files.createSymbolicLink(src, outside);

        wire.ok("run_worker", id(worker));
        JsonNode failed = wire.ok("wait_worker", id(worker));
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("failure_class").asText()).isEqualTo("permission");
        assertThat(failed.at("/evidence/detail").asText()).contains("'src'", outside.toRealPath().toString(), "outside the workspace");
        assertThat(outside.resolve("authorized_keys")).doesNotExist();
        assertThat(wire.kinds(worker)).doesNotContain("agent_exited");
    }

    @Test
    void aLinkCreatedWhereTheScopeDidNotExistYetIsCaughtBeforeTheAttempt() throws Exception {
        String worker = wire.ok("spawn_worker", spawn(scoped("generated"), ws, WRITES_HERE)).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        Files.createSymbolicLink(ws.resolve("generated"), outside);

        wire.ok("run_worker", id(worker));
        JsonNode failed = wire.ok("wait_worker", id(worker));
        assertThat(failed.get("failure_class").asText()).isEqualTo("permission");
        assertThat(failed.at("/evidence/detail").asText()).contains("'generated'", outside.toRealPath().toString());
        assertThat(outside.resolve("authorized_keys")).doesNotExist();
    }

    @Test
    void anIntactScopeRunsTheAgentInItsRealDirectory() throws Exception {
        Path src = Files.createDirectories(ws.resolve("src"));
        String worker = wire.ok("spawn_worker", spawn(scoped("src"), ws, WRITES_HERE)).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        assertThat(wire.ok("wait_worker", id(worker)).get("state").asText()).isEqualTo("finished");
        assertThat(src.resolve("authorized_keys")).exists();
    }
}
