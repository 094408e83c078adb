package dev.harness.bootstrap.phase;

import dev.harness.bootstrap.ServiceSession;
import dev.harness.bootstrap.Workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cli_entry's git facts, directories and agent configuration, from real repositories. */
class CliEntryPhaseTest {
    @TempDir
    Path tmp;

    private JsonNode cli(ServiceSession session, ObjectNode context, boolean force) {
        ObjectNode params = ServiceSession.phase("cli_entry", context);
        params.put("force", force);
        return session.result("execute_phase", params);
    }

    @Test
    void reportsTheRepositoryBranchAndWhetherItIsClean() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Workspaces.git(repo, "checkout", "-q", "-b", "feature/dark-mode");
        Path sub = Files.createDirectories(repo.resolve("src"));
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        JsonNode git = cli(session, Workspaces.context(sub), false).at("/artifacts/git");
        assertThat(git.get("repository").asBoolean()).isTrue();
        assertThat(git.get("top_level").asText()).isEqualTo(repo.toRealPath().toString());
        assertThat(git.get("branch").asText()).isEqualTo("feature/dark-mode");
        assertThat(git.get("head").asText()).isEqualTo(Workspaces.git(repo, "rev-parse", "HEAD").strip());
        // The run directory was created inside the repository, and yet the repository is clean.
        assertThat(git.get("clean").asBoolean()).isTrue();

        Workspaces.write(repo.resolve("src/new.js"), "x\n");
        JsonNode dirty = cli(session, Workspaces.context(sub), true).at("/artifacts/git");
        assertThat(dirty.get("clean").asBoolean()).isFalse();
        assertThat(dirty.get("changed_entries").asInt()).isEqualTo(1);
    }

    @Test
    void theRunDirectoryIsExcludedThroughInfoExcludeNeverGitignore() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        JsonNode run = cli(session, Workspaces.context(repo), false).at("/artifacts/run_dir");
        assertThat(Path.of(run.get("path").asText())).isDirectory().startsWith(repo.toRealPath().resolve(".harness"));
        assertThat(run.get("writable").asBoolean()).isTrue();
        assertThat(Files.readAllLines(repo.resolve(".git/info/exclude"))).contains("/.harness/bootstrap/");
        assertThat(repo.resolve(".gitignore")).doesNotExist();
        assertThat(Workspaces.git(repo, "status", "--porcelain")).isEmpty();

        // Asked again by a new service: the pattern is not added twice.
        cli(new ServiceSession(ServiceSession.environment(tmp, Map.of())), Workspaces.context(repo), true);
        assertThat(Files.readAllLines(repo.resolve(".git/info/exclude")).stream().filter("/.harness/bootstrap/"::equals)).hasSize(1);
    }

    @Test
    void outsideARepositoryOrWithoutGitItIsADiagnosticNotAFailure() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        JsonNode notRepo = cli(new ServiceSession(ServiceSession.environment(tmp, Map.of())), Workspaces.context(plain), false);
        assertThat(notRepo.get("success").asBoolean()).isTrue();
        assertThat(notRepo.at("/artifacts/git/repository").asBoolean()).isFalse();
        assertThat(notRepo.get("diagnostics").toString()).contains("not inside a git repository");

        Path emptyPath = Files.createDirectories(tmp.resolve("empty-bin"));
        ServiceSession noGit = new ServiceSession(ServiceSession.environment(tmp, Map.of("PATH", emptyPath.toString())));
        JsonNode result = cli(noGit, Workspaces.context(Workspaces.gitRepo(tmp.resolve("repo"))), false);
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/artifacts/git/available").asBoolean()).isFalse();
        assertThat(result.get("diagnostics").toString()).contains("git is not on PATH");
    }

    @Test
    void reportsTheConfigDirectoryAndTheAgentWithItsCredentialsPresence() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Path config = Files.createDirectories(tmp.resolve("harness-config"));
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp,
                Map.of("HARNESS_CONFIG_DIR", config.toString(), "HARNESS_AGENT", "claude")));
        JsonNode result = cli(session, Workspaces.context(repo), false);
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/artifacts/config_dir/path").asText()).isEqualTo(config.toString());
        assertThat(result.at("/artifacts/config_dir/exists").asBoolean()).isTrue();
        JsonNode agent = result.at("/artifacts/agent");
        assertThat(agent.get("preset").asText()).isEqualTo("claude");
        assertThat(agent.get("source").asText()).isEqualTo("HARNESS_AGENT");
        assertThat(agent.get("command")).extracting(JsonNode::asText).containsExactly("claude");
        assertThat(agent.at("/credentials/0/name").asText()).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(agent.at("/credentials/0/present").asBoolean()).isFalse();
        assertThat(agent.get("credentials_present").asBoolean()).isFalse();
        assertThat(result.get("diagnostics").toString()).contains("needs ANTHROPIC_API_KEY");

        // context.agent wins over the environment; codex needs OPENAI_API_KEY, which is there.
        ServiceSession withKey = new ServiceSession(ServiceSession.environment(tmp,
                Map.of("HARNESS_AGENT", "claude", "OPENAI_API_KEY", "sk-present-but-never-shown")));
        JsonNode codex = cli(withKey, Workspaces.context(repo).put("agent", "codex"), false).at("/artifacts/agent");
        assertThat(codex.get("preset").asText()).isEqualTo("codex");
        assertThat(codex.get("source").asText()).isEqualTo("context.agent");
        assertThat(codex.get("credentials_present").asBoolean()).isTrue();
        assertThat(withKey.allRawLines).noneMatch(l -> l.contains("sk-present-but-never-shown"));
    }

    @Test
    void aRunDirectoryThatCannotBeCreatedFailsThePhase() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Workspaces.write(repo.resolve("blocker"), "a file where the run directory should go\n");
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        JsonNode result = cli(session, Workspaces.context(repo).put("run_dir", "blocker/runs"), false);
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("diagnostics").toString()).contains("cannot be created");
    }
}
