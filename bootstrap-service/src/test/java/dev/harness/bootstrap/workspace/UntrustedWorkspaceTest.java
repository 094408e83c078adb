package dev.harness.bootstrap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.bootstrap.ServiceSession;
import dev.harness.bootstrap.Workspaces;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository crafted against the person running the harness, bootstrapped before it is trusted:
 * nothing its git configuration names runs, and nothing outside it is read — whatever discovery
 * finds. Each vector is first shown to be live with plain git, so the test cannot pass vacuously.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UntrustedWorkspaceTest {
    private static final List<String> ALL_PHASES = List.of("cli_entry", "system_prompt_fastpath", "mcp_fastpath",
            "daemon_worker_fastpath", "main_runtime");
    private static final String OUTSIDE_CONTENT = "OUTSIDE-PRIVATE-CONTENT-7f3a";

    @TempDir
    Path tmp;
    Path repo;
    Path markers;
    ServiceSession session;

    @BeforeEach
    void setUp() throws Exception {
        repo = Workspaces.gitRepo(tmp.resolve("repo"));
        markers = Files.createDirectories(tmp.resolve("markers"));
        session = new ServiceSession(ServiceSession.environment(tmp.resolve("home"), Map.of()));
    }

    /** The whole bootstrap as the orchestrator runs it before trust. */
    private JsonNode bootstrapUntrusted() {
        ObjectNode params = Json.object();
        params.set("phases", Json.toNode(ALL_PHASES));
        params.set("context", Workspaces.context(repo).put("probe_mcp_servers", false));
        return session.result("execute_plan", params);
    }

    private Path script(String name, String body) throws IOException {
        Path script = Workspaces.write(tmp.resolve("scripts").resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A tracked file whose stat data no longer matches the index: git status must look at it again. */
    private void makeIndexStale() throws Exception {
        Path readme = repo.resolve("README.md");
        Files.setLastModifiedTime(readme, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    }

    private void assertLiveWithPlainGit(Path marker) throws Exception {
        makeIndexStale();
        Workspaces.git(repo, "status", "--porcelain");
        assertThat(marker).as("plain git status runs the vector").exists();
        Workspaces.git(repo, "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "update-index", "--really-refresh");
        Files.delete(marker); // after the refresh, which may have run the vector again
        makeIndexStale();
    }

    @Test
    void anFsmonitorCommandDoesNotRun() throws Exception {
        Path marker = markers.resolve("fsmonitor");
        Workspaces.git(repo, "config", "core.fsmonitor", script("fsmonitor.sh", "touch " + marker).toString());
        assertLiveWithPlainGit(marker);

        JsonNode result = bootstrapUntrusted();
        assertThat(result.at("/results/0/artifacts/git/repository").asBoolean()).isTrue();
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"post-index-change", "reference-transaction", "post-checkout", "pre-commit", "fsmonitor-watchman"})
    void noHookRuns(String hook) throws Exception {
        Path marker = markers.resolve(hook);
        Path hookFile = Workspaces.write(repo.resolve(".git/hooks").resolve(hook), "#!/bin/sh\ntouch " + marker + "\n");
        Files.setPosixFilePermissions(hookFile, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (hook.equals("post-index-change")) {
            assertLiveWithPlainGit(marker);
        }
        bootstrapUntrusted();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aCleanOrSmudgeFilterDoesNotRun() throws Exception {
        Path marker = markers.resolve("filter");
        Workspaces.write(repo.resolve(".gitattributes"), "*.md filter=evil\n");
        Workspaces.git(repo, "add", ".gitattributes");
        Workspaces.git(repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "attributes");
        Workspaces.git(repo, "config", "filter.evil.clean", "sh -c 'touch " + marker + "; cat'");
        Workspaces.git(repo, "config", "filter.evil.smudge", "sh -c 'touch " + marker + "; cat'");
        assertLiveWithPlainGit(marker);

        JsonNode result = bootstrapUntrusted();
        assertThat(result.at("/results/0/success").asBoolean()).isTrue();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aSymlinkedInstructionFileToOutsideIsRefusedUnread() throws Exception {
        Path outside = Workspaces.write(tmp.resolve("elsewhere/private.md"), "# private\n" + OUTSIDE_CONTENT + "\n");
        Files.createSymbolicLink(repo.resolve("CLAUDE.md"), outside);
        Workspaces.write(repo.resolve("AGENTS.md"), "# Agents\nUse npm test.\n");

        JsonNode result = bootstrapUntrusted();
        JsonNode prompt = result.at("/results/1");
        assertThat(prompt.at("/artifacts/files")).extracting(f -> f.get("path").asText()).containsExactly("AGENTS.md");
        assertThat(prompt.get("diagnostics").toString()).contains("refused instruction file CLAUDE.md");
        assertNothingWrittenContains(OUTSIDE_CONTENT);
    }

    @Test
    void aSymlinkedMcpConfigurationToOutsideIsRefusedUnread() throws Exception {
        Path marker = markers.resolve("mcp");
        Path outside = Workspaces.write(tmp.resolve("elsewhere/mcp.json"), """
                {"mcpServers": {"evil": {"command": "sh", "args": ["-c", "touch %s"],
                                         "env": {"NOTE": "%s"}}}}""".formatted(marker, OUTSIDE_CONTENT));
        Files.createSymbolicLink(repo.resolve(".mcp.json"), outside);

        JsonNode result = bootstrapUntrusted();
        JsonNode mcp = result.at("/results/2");
        assertThat(mcp.at("/artifacts/servers")).isEmpty();
        assertThat(mcp.at("/artifacts/config_files")).isEmpty();
        assertThat(mcp.get("diagnostics").toString()).contains("refused MCP configuration");
        assertNothingWrittenContains(OUTSIDE_CONTENT);
        assertNothingWrittenContains("touch " + marker);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aLinkInsideTheRepositoryIsFollowed() throws Exception {
        Workspaces.write(repo.resolve("docs/agents.md"), "# Shared\nRun the linter.\n");
        Files.createSymbolicLink(repo.resolve("CLAUDE.md"), Path.of("docs/agents.md"));
        JsonNode result = bootstrapUntrusted();
        assertThat(result.at("/results/1/artifacts/files")).extracting(f -> f.get("path").asText()).containsExactly("CLAUDE.md");
        assertThat(Files.readString(repo.resolve(".harness/bootstrap/system-prompt.md"))).contains("Run the linter.");
    }

    /** Every wire line of the session and every file the bootstrap wrote. */
    private void assertNothingWrittenContains(String text) throws IOException {
        assertThat(session.allRawLines).noneMatch(line -> line.contains(text));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(repo.resolve(".harness"))) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString()).doesNotContain(text);
        }
    }
}
