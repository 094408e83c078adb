package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The harness on small copies of projects whose own tools broke when runs and worktrees lived
 * inside the working tree (examples/integration/): the project's own test and lint commands pass
 * inside the prepared task worktree and test that worktree's code, and the person's checkout is
 * the same before and after the run, ignored files included.
 */
class FixtureProjectsIT extends E2E {
    static final Path FIXTURES = ROOT.resolve("examples/integration");

    private void fixture(String name) throws Exception {
        workspace = temp.resolve(name);
        scratch = Files.createDirectories(temp.resolve("scratch"));
        copyTree(FIXTURES.resolve(name), workspace);
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", name);
    }

    private String git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", workspace.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static ObjectNode committing(ObjectNode packet) {
        return packet.put("commit_policy", "single verified commit");
    }

    private Result runWith(String overlayOrNull, String... tests) {
        Path plan = planFile(committing(packet("t1", "Change the project", List.of(tests))));
        String agent = overlayOrNull == null ? agent("leave-mark.sh")
                : agent("copy-in.sh", FIXTURES.resolve("overlays").resolve(overlayOrNull).toString());
        return orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--recipes", FAST_RECIPES.toString(), "--agent", agent, "change it");
    }

    @Test
    void monorepoPackagesResolveToTheWorktreesOwnCodeAfterItIsPrepared() throws Exception {
        fixture("monorepo");
        String before = git("status", "--porcelain", "--ignored");

        Result run = runWith("farewell", "npm test", "npm run lint");

        assertThat(run.exit()).as(run.all()).isZero();
        String id = run.runId();
        JsonNode prepared = events(id, "worktree_prepared", "t1").get(0);
        assertThat(prepared.at("/payload/command").asText()).startsWith("npm ci");
        assertThat(prepared.at("/payload/exit_code").asInt()).isZero();
        // the install is not part of the task's commit; the new test is
        assertThat(git("show", "--stat", "--format=", "harness/" + id + "/t1")).contains("farewell.test.js")
                .doesNotContain("node_modules");
        assertThat(git("status", "--porcelain", "--ignored")).isEqualTo(before);
        assertThat(workspace.resolve("node_modules")).doesNotExist();
    }

    @Test
    void aBrokenPackageInTheTaskWorktreeFailsTheProjectsOwnTest() throws Exception {
        fixture("monorepo");

        Result run = runWith("broken-core", "npm test");

        assertThat(run.exit()).as(run.all()).isNotZero();
        String id = run.runId();
        assertThat(events(id, "task_completed")).isEmpty();
        assertThat(events(id, "acceptance_test_result", "t1").toString()).contains("broken");
        assertThat(Files.readString(workspace.resolve("packages/core/src/index.js"))).contains("hello"); // the person's code
    }

    @Test
    void aTestThatRewritesEveryMarkdownFileFindsNoneOfTheHarnesss() throws Exception {
        fixture("markdown-rewriter");
        String before = git("status", "--porcelain", "--ignored");

        Result run = runWith(null, "npm test");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain("without a heading\n1");
        assertThat(git("status", "--porcelain", "--ignored")).isEqualTo(before);
    }

    @Test
    void aLintThatSkipsIgnoredFilesStillSeesTheWorktreesFiles() throws Exception {
        fixture("ignore-aware");
        String before = git("status", "--porcelain", "--ignored");

        Result run = runWith(null, "npm run lint");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(events(run.runId(), "acceptance_test_result", "t1").toString()).contains("files checked");
        assertThat(git("status", "--porcelain", "--ignored")).isEqualTo(before);
    }
}
