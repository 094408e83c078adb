package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * From many task branches to one verified result, with scripted agents making real commits in a
 * real repository: the integration branch, verification on the whole, merge conflicts sent back,
 * apply, diff and clean — and the person's working tree untouched by the run.
 */
class IntegrationIT extends E2E {
    @BeforeEach
    void gitWorkspace() throws Exception {
        copyDashboard();
        git("init", "-q", "-b", "main");
        Files.writeString(workspace.resolve("shared.txt"), "value=original\n");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "dashboard");
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

    @Test
    void twoParallelTasksBecomeOneVerifiedBranchThatAppliesByFastForward() throws Exception {
        String statusBefore = git("status", "--porcelain", "--ignored");
        Path plan = planFile(
                committing(packet("t1", "Theme provider", List.of("test -f t1.txt"))),
                committing(packet("t2", "Theme toggle", List.of("test -f t2.txt"))),
                // verifies the whole: passes only where both tasks' work exists
                packet("t3", "End to end", List.of("test -f t1.txt", "test -f t2.txt"), "t1", "t2"));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust", "-j", "2",
                "--agent", agent("leave-mark.sh"), "dark mode");

        assertThat(run.exit()).as(run.all()).isZero();
        String id = run.runId();
        String branch = "harness/run-" + id;
        assertThat(git("show", branch + ":t1.txt")).isEqualTo("made by t1");
        assertThat(git("show", branch + ":t2.txt")).isEqualTo("made by t2");
        assertThat(events(id, "merge_completed")).hasSize(2);
        JsonNode integrated = last(id, "integration_completed");
        assertThat(integrated.path("tip").asText()).isEqualTo(git("rev-parse", branch));
        // the hint names the orchestrator as it was run, like "Continue with: …", so it can be pasted
        assertThat(run.stdout()).contains("Integration branch: " + branch, ORCHESTRATOR + " apply " + id, ORCHESTRATOR + " diff " + id);
        // the verifying task ran on the integration branch, not in the person's checkout (which has neither file)
        JsonNode verifyTree = events(id, "worktree_created", "t3").get(0);
        assertThat(verifyTree.at("/payload/base_refs/0").asText()).isEqualTo(branch);
        assertThat(workspace.resolve("t1.txt")).doesNotExist();
        // nothing of the harness in the working tree; the person's checkout is exactly as it was
        assertThat(git("status", "--porcelain", "--ignored")).isEqualTo(statusBefore);
        assertThat(git("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
        // integrated worktrees are gone; the branches are named after the run and the task
        assertThat(git("worktree", "list", "--porcelain")).doesNotContain("worktrees/");
        assertThat(git("branch", "--list", "harness/" + id + "/*")).contains("harness/" + id + "/t1", "harness/" + id + "/t2");

        Result diff = orchestrator("diff", id, "t1", "-C", workspace.toString());
        assertThat(diff.exit()).as(diff.all()).isZero();
        assertThat(diff.stdout()).contains("t1.txt", "+made by t1").doesNotContain("t2.txt");

        Files.writeString(workspace.resolve("notes.txt"), "my own work in progress\n"); // unrelated, uncommitted
        Result apply = orchestrator("apply", id, "-C", workspace.toString());
        assertThat(apply.exit()).as(apply.all()).isZero();
        assertThat(apply.stdout()).contains("fast-forward");
        assertThat(git("rev-parse", "HEAD")).isEqualTo(git("rev-parse", branch));
        assertThat(Files.readString(workspace.resolve("t1.txt"))).isEqualTo("made by t1\n");
        assertThat(Files.readString(workspace.resolve("notes.txt"))).isEqualTo("my own work in progress\n");

        Result clean = orchestrator("clean", id, "-C", workspace.toString());
        assertThat(clean.exit()).as(clean.all()).isZero();
        assertThat(git("branch", "--list", "harness/*")).isEmpty();
        assertThat(runDir(id).resolve("events.jsonl")).isRegularFile(); // never the log
    }

    @Test
    void aConflictSendsTheOwningTaskBackAndItsResolutionIsIntegrated() throws Exception {
        Path plan = planFile(
                committing(packet("t1", "Blue", List.of("grep -q t1 shared.txt"))),
                committing(packet("t2", "Red", List.of("grep -q t2 shared.txt"))),
                packet("check", "Both", List.of("grep -q t1 shared.txt", "grep -q t2 shared.txt"), "t1", "t2"));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--agent", agent("edit-shared.sh", "shared.txt"), "colours");

        assertThat(run.exit()).as(run.all()).isZero();
        String id = run.runId();
        JsonNode conflict = events(id, "merge_conflict").get(0);
        assertThat(conflict.path("task_id").asText()).isEqualTo("t2");
        assertThat(conflict.path("files").toString()).contains("shared.txt");
        assertThat(conflict.path("sides").asText()).contains("value=t1", "value=t2");
        assertThat(events(id, "task_failed", "t2").get(0).path("failure_class").asText()).isEqualTo("merge_conflict");
        assertThat(git("show", "harness/run-" + id + ":shared.txt")).isEqualTo("value=t1 and t2");
        assertThat(events(id, "integration_completed")).hasSize(1);
        assertThat(Files.readString(workspace.resolve("shared.txt"))).isEqualTo("value=original\n");
        // the verifying task waited for t2's second turn: postponed, never shown or counted as skipped
        assertThat(events(id, "task_skipped", "check")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("cause").asText()).isEqualTo("postponed"));
        assertThat(run.stdout()).contains("postponed: the work of t2 conflicts").doesNotContain("skipped:");
        Result status = orchestrator("status", id, "-C", workspace.toString());
        assertThat(status.stdout()).as(status.all()).contains("0 skipped").doesNotContain("skipped:");
    }

    @Test
    void aConflictTheAgentCannotResolveEscalatesAndNothingIsIntegratedAsVerified() throws Exception {
        Path plan = planFile(
                committing(packet("t1", "Blue", List.of("grep -q t1 shared.txt"))),
                committing(packet("t2", "Red", List.of("grep -q t2 shared.txt"))));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--recipes", FAST_RECIPES.toString(), "--agent", agent("edit-shared.sh", "shared.txt", "--give-up"), "colours");

        assertThat(run.exit()).as(run.all()).isNotZero();
        String id = run.runId();
        assertThat(events(id, "merge_conflict")).isNotEmpty();
        assertThat(events(id, "integration_completed")).isEmpty();
        Result apply = orchestrator("apply", id, "-C", workspace.toString());
        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.stderr()).contains("no verified integration branch");
        // the unmerged branch of the task that conflicted is kept by clean (its work exists nowhere else)
        Result clean = orchestrator("clean", id, "-C", workspace.toString());
        assertThat(clean.exit()).as(clean.all()).isZero();
        assertThat(clean.stdout()).contains("kept harness/" + id + "/t2 (not merged");
        assertThat(git("branch", "--list", "harness/" + id + "/t2")).isNotEmpty();
    }

    @Test
    void applyRefusesOverUncommittedChangesInTouchedFilesAndCleanKeepsUnmergedBranches() throws Exception {
        Path plan = planFile(committing(packet("t1", "Blue", List.of("grep -q t1 shared.txt"))));
        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--agent", agent("edit-shared.sh", "shared.txt"), "colour");
        assertThat(run.exit()).as(run.all()).isZero();
        String id = run.runId();

        Files.writeString(workspace.resolve("shared.txt"), "value=mine, not committed\n");
        String head = git("rev-parse", "HEAD");
        Result refused = orchestrator("apply", id, "-C", workspace.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).contains("shared.txt");
        assertThat(Files.readString(workspace.resolve("shared.txt"))).isEqualTo("value=mine, not committed\n");
        assertThat(git("rev-parse", "HEAD")).isEqualTo(head);

        Result clean = orchestrator("clean", id, "-C", workspace.toString());
        assertThat(clean.exit()).as(clean.all()).isZero();
        assertThat(clean.stdout()).contains("kept harness/run-" + id);
        assertThat(git("branch", "--list", "harness/run-" + id)).isNotEmpty(); // not applied yet: kept
        assertThat(git("branch", "--list", "harness/" + id + "/t1")).isEmpty(); // integrated: removed
    }

    @Test
    void aConflictBeyondItsRecipeWaitsForADecisionAndSkipIntegratesTheRest() throws Exception {
        Path recipes = Files.writeString(temp.resolve("no-conflict-retries.yaml"),
                "recipes:\n  merge_conflict: {action: retry_with_feedback, max_retries: 0}\n");
        Path plan = planFile(
                committing(packet("t1", "Blue", List.of("grep -q t1 shared.txt"))),
                committing(packet("t2", "Red", List.of("grep -q t2 shared.txt"))));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--recipes", recipes.toString(), "--agent", agent("edit-shared.sh", "shared.txt"), "colours");

        assertThat(run.exit()).as(run.all()).isEqualTo(3);
        String id = run.runId();
        assertThat(run.all()).contains("merge_conflict", "--decision retry|skip|abort");
        assertThat(last(id, "task_failed").path("escalation_required").asBoolean()).isTrue();
        assertThat(events(id, "task_started", "t2")).hasSize(1); // no automatic retry: the recipe allows none

        Result resumed = orchestrator("resume", id, "--decision", "skip", "-C", workspace.toString());

        assertThat(resumed.exit()).as(resumed.all()).isEqualTo(5); // incomplete: a task was skipped
        assertThat(git("show", "harness/run-" + id + ":shared.txt")).isEqualTo("value=t1");
        assertThat(last(id, "decision_recorded").path("decision").asText()).isEqualTo("skip");
        assertThat(events(id, "integration_completed")).hasSize(1);
        assertThat(events(id, "task_started", "t1")).hasSize(1); // a completed task is never run again
    }

    @Test
    void aKilledRunResumesItsIntegrationWithoutLosingOrRepeatingWork() throws Exception {
        Path plan = planFile(
                committing(packet("t1", "First", List.of("test -f t1.txt"))),
                committing(packet("t2", "Second", List.of("test -f t2.txt"))),
                packet("t3", "Both", List.of("test -f t1.txt", "test -f t2.txt"), "t1", "t2"));
        List<String> command = List.of(ORCHESTRATOR.toString(), "-C", workspace.toString(), "--plan", plan.toString(),
                "--yes", "--trust", "--agent", agent("mark-then-wait.sh", "t2", "3"), "two marks");
        Path out = temp.resolve("killed.out");
        Path err = temp.resolve("killed.err");
        Process orchestrator = start(command, Map.of(), out, err);
        Path events = null;
        // SIGKILL once t1's branch is in the integration branch (t2 is still working)
        for (int i = 0; i < 6000 && orchestrator.isAlive(); i++) {
            if (events == null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Run (\\d{8}-\\d{6}-[0-9a-z]+)")
                        .matcher(Files.readString(out) + Files.readString(err));
                events = m.find() ? runDir(m.group(1)).resolve("events.jsonl") : null;
            }
            if (events != null && Files.exists(events) && Files.readString(events).contains("\"merge_completed\"")) {
                break;
            }
            Thread.sleep(10);
        }
        assertThat(orchestrator.isAlive()).as("the run was still going when t1 was integrated").isTrue();
        orchestrator.destroyForcibly(); // SIGKILL: no shutdown hook, no last event
        assertThat(orchestrator.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String id = events.getParent().getFileName().toString();

        Result resumed = orchestrator("resume", id, "-C", workspace.toString());

        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(git("show", "harness/run-" + id + ":t1.txt")).isEqualTo("made by t1");
        assertThat(git("show", "harness/run-" + id + ":t2.txt")).isEqualTo("made by t2");
        assertThat(events(id, "task_started", "t1")).hasSize(1);
        assertThat(events(id, "merge_completed").stream().filter(e -> e.path("task_id").asText().equals("t1"))).hasSize(1);
        assertThat(events(id, "integration_completed")).hasSize(1);
    }
}
