package dev.harness.bootstrap.phase;

import dev.harness.bootstrap.ServiceSession;
import dev.harness.bootstrap.Workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** daemon_worker_fastpath with real commands on a PATH the test controls. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaemonWorkerPhaseTest {
    @TempDir
    Path tmp;
    Path repo;
    Path bin;

    @BeforeEach
    void setUp() throws Exception {
        repo = Workspaces.gitRepo(tmp.resolve("repo"));
        bin = Files.createDirectories(tmp.resolve("bin"));
    }

    private Path executable(String name, String script) throws Exception {
        Path file = Workspaces.write(bin.resolve(name), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private ServiceSession session(Map<String, String> extra) {
        Map<String, String> vars = new java.util.HashMap<>(extra);
        vars.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return new ServiceSession(ServiceSession.environment(tmp, vars));
    }

    private JsonNode worker(ServiceSession session, ObjectNode context) {
        return session.result("execute_phase", ServiceSession.phase("daemon_worker_fastpath", context));
    }

    @Test
    void presetNoneChecksTheShellThatRunsAcceptanceTestsAndTheWorkspace() {
        JsonNode result = worker(session(Map.of()), Workspaces.context(repo));
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/artifacts/commands").findValuesAsText("command")).containsExactly("sh");
        assertThat(result.at("/artifacts/commands/0/answered").asBoolean()).isTrue();
        assertThat(result.at("/artifacts/writable/0/path").asText()).isEqualTo(".");
        assertThat(result.at("/artifacts/writable/0/writable").asBoolean()).isTrue();
        assertThat(result.get("prerequisites_run")).extracting(JsonNode::asText)
                .containsExactly("cli_entry", "system_prompt_fastpath", "mcp_fastpath");
    }

    @Test
    void theAgentCommandMustBeOnPathAndAnswerVersion() throws Exception {
        executable("claude", "[ \"$1\" = --version ] && echo '1.0.42 (Claude Code)'");
        JsonNode result = worker(session(Map.of("HARNESS_AGENT", "claude")), Workspaces.context(repo));
        assertThat(result.get("success").asBoolean()).isTrue();
        JsonNode agent = result.at("/artifacts/commands/0");
        assertThat(agent.get("role").asText()).isEqualTo("agent");
        assertThat(agent.get("path").asText()).isEqualTo(bin.resolve("claude").toString());
        assertThat(agent.get("version").asText()).isEqualTo("1.0.42 (Claude Code)");
        assertThat(result.at("/artifacts/commands/1/role").asText()).isEqualTo("acceptance_shell");

        JsonNode missing = worker(session(Map.of()), Workspaces.context(repo).put("agent", "codex"));
        assertThat(missing.get("success").asBoolean()).isFalse();
        assertThat(missing.get("diagnostics").toString()).contains("codex is not on PATH");
    }

    @Test
    void aCustomAgentThatIgnoresVersionAndEditsItsDirectoryLeavesTheWorkspaceUntouched() throws Exception {
        // A fake agent a person wrote: it does its job whatever its arguments, in the directory it starts in.
        Path agent = executable("edit-agent", "echo edited >> README.md; echo new > added_test.py; echo done");
        Workspaces.write(repo.resolve("README.md"), "original\n");
        Workspaces.git(repo, "add", "README.md");
        Workspaces.git(repo, "commit", "-q", "-m", "readme");

        JsonNode result = worker(session(Map.of()), Workspaces.context(repo).put("agent", agent.toString()));

        assertThat(result.at("/artifacts/commands/0/role").asText()).isEqualTo("agent");
        assertThat(result.at("/artifacts/commands/0/answered").asBoolean()).isTrue();
        assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("original\n");
        assertThat(repo.resolve("added_test.py")).doesNotExist();
    }

    @Test
    void anAgentThatDoesNotAnswerWithinTheTimeoutFailsThePhase() throws Exception {
        executable("stuck-agent", "exec sleep 120");
        JsonNode result = worker(session(Map.of()),
                Workspaces.context(repo).put("agent", "stuck-agent --model x").put("probe_timeout_ms", 400));
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("diagnostics").toString()).contains("stuck-agent did not answer `--version` within 400 ms");
        assertThat(result.at("/artifacts/commands/0/answered").asBoolean()).isFalse();
    }

    @Test
    void writePathsAndTheTaskScopeAreCheckedAndMayNotEscapeTheWorkspace() throws Exception {
        Files.createDirectories(repo.resolve("src/theme"));
        ObjectNode context = Workspaces.context(repo);
        context.putArray("write_paths").add("src/theme").add("dist/not-yet-built.js");
        context.putObject("task_packet").put("objective", "x").put("scope", "single_file").put("scope_path", "src/theme/theme.js")
                .putArray("acceptance_tests").add("npm test");
        JsonNode ok = worker(session(Map.of()), context);
        assertThat(ok.get("success").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.at("/artifacts/writable").findValuesAsText("path"))
                .containsExactly(".", "src/theme", "dist/not-yet-built.js", "src/theme/theme.js");
        assertThat(ok.at("/artifacts/writable/2/exists").asBoolean()).isFalse();
        assertThat(ok.at("/artifacts/writable/2/checked_in").asText()).isEqualTo(repo.toRealPath().toString());
        assertThat(repo.resolve("src/theme")).isEmptyDirectory(); // the probe file was removed again

        ObjectNode escaping = Workspaces.context(repo);
        escaping.putArray("write_paths").add("../elsewhere");
        JsonNode refused = worker(session(Map.of()), escaping);
        assertThat(refused.get("success").asBoolean()).isFalse();
        assertThat(refused.get("diagnostics").toString()).contains("../elsewhere is outside the workspace");
    }
}
