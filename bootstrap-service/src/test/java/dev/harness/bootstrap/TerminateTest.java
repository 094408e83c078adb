package dev.harness.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (Service.terminate) ends the processes a phase started instead of waiting for their timeouts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TerminateTest {
    @TempDir
    Path tmp;

    @Test
    void terminateKillsAServerBeingProbed() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Path pidFile = tmp.resolve("server.pid");
        Workspaces.mcpJson(repo, "silent", "sh", "-c", "echo $$ > \"$0\"; exec sleep 300", pidFile.toString());
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        CompletableFuture<JsonNode> call = CompletableFuture.supplyAsync(() -> session.result("execute_phase",
                ServiceSession.phase("mcp_fastpath", Workspaces.context(repo).put("mcp_timeout_ms", 300_000))));
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        // Repeated in case the signal lands between the server's start and its registration.
        while (!call.isDone()) {
            session.service.terminate();
            Thread.sleep(50);
        }
        JsonNode result = call.get(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(result.at("/artifacts/servers/0/ok").asBoolean()).isFalse();
        // The outcome, not the wording: where SIGTERM lands (before the probe's first write, during it,
        // while waiting for initialize) changes the sentence, never the result.
        assertThat(result.at("/artifacts/servers/0/error").asText()).isNotBlank();
    }
}
