package dev.harness.orchestrator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.MergeMethod;
import dev.harness.api.run.RunEvent;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integration branch in a real repository: merges without a checkout, conflicts, and a crash between journal and branch. */
class IntegratorTest {
    @TempDir
    Path tmp;

    Path repo;
    GitCli git;
    EventLog log;

    @BeforeEach
    void repository() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        git = new GitCli(repo);
        ok("init", "-q", "-b", "main");
        Files.writeString(repo.resolve("shared.txt"), "value=original\n");
        ok("add", "-A");
        commit("base");
        log = EventLog.open(RunDirectory.create(tmp.resolve("state"), "r1"));
    }

    private String ok(String... args) {
        GitCli.Result r = git.run(args);
        assertThat(r.ok()).as(r.said()).isTrue();
        return r.text();
    }

    private void commit(String message) {
        ok("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", message);
    }

    /** A task's verified commit on its own branch, made from main, as a worker would. */
    private String task(String id, String file, String text) throws Exception {
        ok("checkout", "-q", "-b", "harness/r1/" + id, "main");
        Files.writeString(repo.resolve(file), text);
        ok("add", "-A");
        commit(id);
        String sha = ok("rev-parse", "HEAD");
        ok("checkout", "-q", "main");
        log.append(new RunEvent.TaskCompleted(id, null, null, "harness/r1/" + id, sha));
        return sha;
    }

    private <E extends RunEvent> List<E> events(Class<E> kind) {
        return IntegrationEvents.read(log.path()).stream().map(LoggedEvent::event).filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void mergesTaskBranchesInOrderWithoutTouchingTheCheckout() throws Exception {
        task("t1", "a.txt", "a\n");
        task("t2", "b.txt", "b\n");
        String status = ok("status", "--porcelain", "--ignored");

        Integrator.Outcome outcome = Integrator.forWorkspace(log, repo, "r1", true).integrate(List.of("t1", "t2"));

        assertThat(outcome).isInstanceOf(Integrator.Outcome.Integrated.class);
        assertThat(ok("show", "harness/run-r1:a.txt")).isEqualTo("a");
        assertThat(ok("show", "harness/run-r1:b.txt")).isEqualTo("b");
        assertThat(events(RunEvent.MergeCompleted.class)).extracting(RunEvent.MergeCompleted::how)
                .containsExactly(MergeMethod.FAST_FORWARD, MergeMethod.MERGE);
        assertThat(ok("status", "--porcelain", "--ignored")).isEqualTo(status);
        assertThat(ok("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
    }

    @Test
    void aConflictNamesTheFilesAndBothSidesAndLeavesTheBranchAlone() throws Exception {
        task("t1", "shared.txt", "value=t1\n");
        task("t2", "shared.txt", "value=t2\n");

        Integrator integrator = Integrator.forWorkspace(log, repo, "r1", true);
        Integrator.Outcome outcome = integrator.integrate(List.of("t1", "t2"));

        assertThat(outcome).isInstanceOf(Integrator.Outcome.Conflict.class);
        Integrator.Outcome.Conflict conflict = (Integrator.Outcome.Conflict) outcome;
        assertThat(conflict.taskId()).isEqualTo("t2");
        assertThat(conflict.files()).containsExactly("shared.txt");
        assertThat(conflict.sides()).contains("value=t1", "value=t2");
        assertThat(ok("rev-parse", "harness/run-r1")).isEqualTo(ok("rev-parse", "harness/r1/t1"));
        RunEvent.MergeConflict recorded = events(RunEvent.MergeConflict.class).get(0);
        assertThat(recorded.tip()).isEqualTo(ok("rev-parse", "harness/r1/t1"));
        assertThat(recorded.files()).containsExactly("shared.txt");
        assertThat(recorded.sides()).contains("value=t1", "value=t2");
        assertThat(IntegrationJournal.of(IntegrationEvents.read(log.path())).conflictOf("t2"))
                .isEqualTo(new IntegrationJournal.Conflict("t2", "harness/r1/t2", ok("rev-parse", "harness/r1/t2"),
                        recorded.tip(), List.of("shared.txt"), recorded.sides()));
    }

    @Test
    void aKillBetweenMovingTheBranchAndJournalingTheMergeLosesNothingAndMergesNothingTwice() throws Exception {
        task("t1", "a.txt", "a\n");
        String t2 = task("t2", "b.txt", "b\n");
        Integrator first = Integrator.forWorkspace(log, repo, "r1", true);
        first.integrate(List.of("t1"));
        String tipAfterT1 = ok("rev-parse", "harness/run-r1");
        // the orchestrator journaled t2's merge and moved the branch, then was SIGKILLed before merge_completed
        log.append(new RunEvent.MergeStarted("t2", "harness/run-r1", "harness/r1/t2", t2, null, tipAfterT1));
        IntegrationBranch.Step moved = new IntegrationBranch(git, "r1").merge(tipAfterT1, "t2", "harness/r1/t2", t2);
        assertThat(moved).isInstanceOf(IntegrationBranch.Step.Merged.class);
        String tipAfterKill = ok("rev-parse", "harness/run-r1");

        Integrator.Outcome resumed = Integrator.forWorkspace(log, repo, "r1", true).integrate(List.of("t1", "t2"));

        assertThat(resumed).isInstanceOf(Integrator.Outcome.Integrated.class);
        assertThat(((Integrator.Outcome.Integrated) resumed).tip()).isEqualTo(tipAfterKill);
        assertThat(ok("rev-parse", "harness/run-r1")).isEqualTo(tipAfterKill);
        assertThat(events(RunEvent.MergeCompleted.class)).extracting(e -> e.taskId() + ":" + e.how().wire())
                .containsExactly("t1:fast_forward", "t2:already_in");
        assertThat(ok("rev-list", "--count", "--merges", "harness/run-r1")).isEqualTo("1");
    }

    @Test
    void applyRefusesOverATouchedUncommittedFileAndKeepsUnrelatedOnes() throws Exception {
        task("t1", "shared.txt", "value=t1\n");
        Integrator integrator = Integrator.forWorkspace(log, repo, "r1", true);
        Integrator.Outcome.Integrated done = (Integrator.Outcome.Integrated) integrator.integrate(List.of("t1"));
        integrator.complete(done, List.of("t1"));
        Files.writeString(repo.resolve("shared.txt"), "mine\n");
        Files.writeString(repo.resolve("notes.txt"), "unrelated\n");
        IntegrationJournal journal = IntegrationJournal.of(IntegrationEvents.read(log.path()));

        Apply.Result refused = new Apply(git).apply(log, "r1", journal, false);
        assertThat(refused.applied()).isFalse();
        assertThat(refused.blocking()).containsExactly("shared.txt");
        assertThat(Files.readString(repo.resolve("shared.txt"))).isEqualTo("mine\n");

        Files.writeString(repo.resolve("shared.txt"), "value=original\n");
        Apply.Result applied = new Apply(git).apply(log, "r1", journal, false);
        assertThat(applied.applied()).as(applied.message()).isTrue();
        assertThat(applied.how()).isEqualTo("fast_forward");
        assertThat(Files.readString(repo.resolve("shared.txt"))).isEqualTo("value=t1\n");
        assertThat(Files.readString(repo.resolve("notes.txt"))).isEqualTo("unrelated\n");
    }

    /** A squashed apply is the person's commit on their branch: their identity, and the tasks' subjects as its message. */
    @Test
    void aSquashedApplyIsThePersonsCommitAndSaysWhatItHolds() throws Exception {
        task("t1", "a.txt", "a\n");
        task("t2", "b.txt", "b\n");
        Integrator integrator = Integrator.forWorkspace(log, repo, "r1", true);
        Integrator.Outcome.Integrated done = (Integrator.Outcome.Integrated) integrator.integrate(List.of("t1", "t2"));
        integrator.complete(done, List.of("t1", "t2"));
        ok("config", "user.name", "Pat Person");
        ok("config", "user.email", "pat@example.org");
        IntegrationJournal journal = IntegrationJournal.of(IntegrationEvents.read(log.path()));

        Apply.Result applied = new Apply(git).apply(log, "r1", journal, true);

        assertThat(applied.applied()).as(applied.message()).isTrue();
        assertThat(applied.how()).isEqualTo("squash");
        assertThat(ok("log", "-1", "--format=%an <%ae>")).isEqualTo("Pat Person <pat@example.org>");
        String message = ok("log", "-1", "--format=%B");
        // the two tasks' commits are parallel: either may be listed first
        assertThat(message).startsWith("Run r1: 2 task commits squashed\n\n- t").contains("- t1\n", "- t2\n")
                .endsWith("\n\nSquashed from harness/run-r1 (harness run r1).");
        assertThat(ok("rev-list", "--count", "main")).isEqualTo("2"); // base + the one squashed commit
    }
}
