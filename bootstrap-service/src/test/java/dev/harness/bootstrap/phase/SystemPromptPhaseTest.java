package dev.harness.bootstrap.phase;

import dev.harness.protocol.json.Digest;
import dev.harness.bootstrap.ServiceSession;
import dev.harness.bootstrap.Workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instruction files at several levels of a real repository, and the prompt assembled from them. */
class SystemPromptPhaseTest {
    @TempDir
    Path tmp;
    Path repo;
    Path workspace;
    ServiceSession session;

    @BeforeEach
    void setUp() throws Exception {
        repo = Workspaces.gitRepo(tmp.resolve("repo"));
        workspace = Files.createDirectories(repo.resolve("packages/web"));
        Workspaces.write(repo.resolve("AGENTS.md"), "Root rule: never push to main.\n");
        Workspaces.write(repo.resolve(".github/copilot-instructions.md"), "Prefer small functions.\n");
        Workspaces.write(repo.resolve("packages/CLAUDE.md"), "Packages share one lint config.\n");
        Workspaces.write(workspace.resolve("CLAUDE.md"), "Web: run npm test.\n");
        Workspaces.write(workspace.resolve("CLAUDE.local.md"), "Local: my port is 3001.\n");
        Workspaces.write(workspace.resolve(".cursorrules"), "Use TypeScript strict mode.\n");
        Workspaces.write(workspace.resolve(".claude.json"), "{\"mcpServers\": {}, \"env\": {\"API_TOKEN\": \"abc\"}}");
        Workspaces.write(tmp.resolve("outside/CLAUDE.md"), "Not part of this repository.\n");
        session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
    }

    private JsonNode prompt(ObjectNode context) {
        return session.result("execute_phase", ServiceSession.phase("system_prompt_fastpath", context));
    }

    @Test
    void findsTheInstructionFilesFromTheRepositoryRootDownToTheWorkspace() throws Exception {
        JsonNode result = prompt(Workspaces.context(workspace));
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/artifacts/files").findValuesAsText("path")).containsExactly(
                "AGENTS.md", ".github/copilot-instructions.md", "packages/CLAUDE.md",
                "packages/web/CLAUDE.md", "packages/web/CLAUDE.local.md", "packages/web/.cursorrules",
                "packages/web/.claude.json");

        JsonNode prompt = result.at("/artifacts/prompt");
        Path file = Path.of(prompt.get("path").asText());
        byte[] written = Files.readAllBytes(file);
        assertThat(file).startsWith(workspace.toRealPath().resolve(".harness/bootstrap"));
        assertThat(prompt.get("size_bytes").asLong()).isEqualTo(written.length);
        assertThat(prompt.get("sha256").asText()).isEqualTo(Digest.of(written));
        String text = new String(written, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(prompt.get("text").asText()).isEqualTo(text);
        // General first, specific last, so the workspace's own rules have the final word.
        assertThat(text.indexOf("never push to main")).isLessThan(text.indexOf("share one lint config"));
        assertThat(text.indexOf("share one lint config")).isLessThan(text.indexOf("Web: run npm test"));
        assertThat(text).contains("my port is 3001").contains("TypeScript strict").doesNotContain("Not part of this repository");
        // .claude.json is agent settings: listed and digested, never spliced into the prompt (its env may hold secrets).
        JsonNode settings = result.at("/artifacts/files/6");
        assertThat(settings.get("kind").asText()).isEqualTo("settings");
        assertThat(settings.get("included").asBoolean()).isFalse();
        assertThat(text).doesNotContain("API_TOKEN");
    }

    @Test
    void instructionFilesInTheContextOverrideDiscoveryAndCannotEscapeTheRepository() throws Exception {
        Files.createSymbolicLink(workspace.resolve("linked.md"), tmp.resolve("outside/CLAUDE.md"));
        ObjectNode context = Workspaces.context(workspace);
        context.putArray("instruction_files").add(".claude.json").add("CLAUDE.md").add("../../../outside/CLAUDE.md")
                .add("linked.md").add("MISSING.md");
        JsonNode result = prompt(context);
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/artifacts/files").findValuesAsText("path"))
                .containsExactly("packages/web/.claude.json", "packages/web/CLAUDE.md");
        assertThat(result.at("/artifacts/files").findValuesAsText("source")).containsOnly("context.instruction_files");
        String diagnostics = result.get("diagnostics").toString();
        assertThat(diagnostics).contains("refused instruction file ../../../outside/CLAUDE.md: it is outside");
        assertThat(diagnostics).contains("refused instruction file linked.md: it links to");
        assertThat(diagnostics).contains("MISSING.md was not found");
        assertThat(result.at("/artifacts/prompt/text").asText()).contains("Web: run npm test").doesNotContain("Not part of");
    }

    @Test
    void aLargePromptIsWrittenToTheRunDirectoryButNotInlined() throws Exception {
        Workspaces.write(workspace.resolve("AGENTS.md"), "A rule that matters.\n".repeat(400));
        ObjectNode context = Workspaces.context(workspace).put("run_dir", tmp.resolve("runs/one").toString());
        context.putObject("task_packet").put("objective", "Add dark mode").put("scope", "module")
                .put("scope_path", "src/theme").putArray("acceptance_tests").add("npm test").add("npm run lint");
        JsonNode prompt = prompt(context).at("/artifacts/prompt");
        assertThat(prompt.get("inline").asBoolean()).isFalse();
        assertThat(prompt.has("text")).isFalse();
        assertThat(prompt.get("size_bytes").asLong()).isGreaterThan(4096);
        Path file = Path.of(prompt.get("path").asText());
        assertThat(file).startsWith(tmp.resolve("runs/one"));
        assertThat(Files.readString(file)).contains("Objective: Add dark mode").contains("Scope: module (src/theme)")
                .contains("- npm run lint");
    }

    @Test
    void outsideARepositoryOnlyTheWorkspaceIsSearched() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain/project"));
        Workspaces.write(tmp.resolve("plain/AGENTS.md"), "Parent of a non-repository.\n");
        JsonNode result = prompt(Workspaces.context(plain));
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/artifacts/files")).isEmpty();
        assertThat(result.get("diagnostics").toString()).contains("no instruction files apply");
        assertThat(result.at("/artifacts/prompt/size_bytes").asLong()).isZero();
    }
}
