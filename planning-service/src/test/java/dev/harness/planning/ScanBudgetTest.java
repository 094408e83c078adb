package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scan's time budget (issue 13: a decompose of / took 30 s alone, minutes on a busy machine).
 * No wall clock: the clock is a counter that moves one tick each time it is read, so the walk's
 * check before each directory after the root sees 1, 2, 3… and a budget of N ticks lists N of them.
 */
class ScanBudgetTest {
    @TempDir
    Path root;

    private static ScanBudget ticks(long budget) {
        return ticks(budget, 0);
    }

    private static ScanBudget ticks(long budget, int floorEntries) {
        AtomicLong now = new AtomicLong();
        return new ScanBudget(budget, floorEntries, now::getAndIncrement);
    }

    private void write(String relative) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "export const " + file.getFileName().toString().replace('.', '_') + " = 1;\n");
    }

    /** root: a/, b/, c/, r.txt; a: f.txt, x/; b, c, a/x: f.txt. Breadth first: root, a, b, c, a/x. */
    @ParameterizedTest(name = "budget {0} ticks → files {1}, out of time {2}")
    @CsvSource(delimiter = '|', value = {
            "1                   | r.txt                                     | true",
            "2                   | r.txt a/f.txt                             | true",
            "4                   | r.txt a/f.txt b/f.txt c/f.txt             | true",
            // the last directory is listed before the fifth tick: nothing was left out
            "5                   | r.txt a/f.txt b/f.txt c/f.txt a/x/f.txt   | false",
            "9223372036854775807 | r.txt a/f.txt b/f.txt c/f.txt a/x/f.txt   | false",
    })
    void theWalkStopsWhenItsTimeIsSpentAndSaysSo(long budget, String files, boolean outOfTime) throws Exception {
        for (String f : List.of("r.txt", "a/f.txt", "b/f.txt", "c/f.txt", "a/x/f.txt")) {
            write(f);
        }
        WorkspaceScan scan = new WorkspaceScanner(8, 10_000, ticks(budget)).scan(root);
        assertThat(scan.files()).containsExactly(files.split(" "));
        assertThat(scan.timeLimited()).isEqualTo(outOfTime);
        assertThat(scan.truncated()).isEqualTo(outOfTime);
        // the root is always listed whole, however starved the scan
        assertThat(scan.directories()).startsWith("a", "b", "c");
    }

    @Test
    void aSmallProjectIsWalkedWholeHoweverStarvedTheClock() throws Exception {
        for (String f : List.of("r.txt", "a/f.txt", "b/f.txt", "c/f.txt", "a/x/f.txt")) {
            write(f);
        }
        // 9 entries in all: under the floor, the clock is never asked
        WorkspaceScan whole = new WorkspaceScanner(8, 10_000, ticks(1, 10)).scan(root);
        assertThat(whole.files()).hasSize(5);
        assertThat(whole.timeLimited()).isFalse();
        // past a floor of 4 entries (the root's), the next directory's check finds the time spent
        WorkspaceScan cut = new WorkspaceScanner(8, 10_000, ticks(1, 4)).scan(root);
        assertThat(cut.files()).containsExactly("r.txt");
        assertThat(cut.timeLimited()).isTrue();
        assertThat(ScanBudget.of(ScanBudget.DEFAULT).floorEntries()).isEqualTo(ScanBudget.FLOOR_ENTRIES);
    }

    @Test
    void theIndexReadsItsFirstSliceAndThenStopsWhenItsTimeIsSpent() throws Exception {
        for (int i = 0; i < 300; i++) {
            write(String.format("src/m%03d.js", i));
        }
        WorkspaceScan scan = new WorkspaceScanner(8, 10_000).scan(root);

        ContentIndex starved = ContentIndex.build(root, scan, ticks(1));
        assertThat(starved.size()).isEqualTo(256);
        assertThat(starved.unread()).isEqualTo(44);
        assertThat(starved.skipped()).isZero();
        assertThat(starved.contains("src/m255.js")).isTrue();
        assertThat(starved.contains("src/m256.js")).isFalse();

        ContentIndex whole = ContentIndex.build(root, scan, ticks(Long.MAX_VALUE));
        assertThat(whole.size()).isEqualTo(300);
        assertThat(whole.unread()).isZero();
        assertThat(whole.contains("src/m299.js")).isTrue();
    }

    @Test
    void aPlanOnAStarvedScanSaysWhatWasLeftOut() throws Exception {
        for (int i = 0; i < 300; i++) {
            write(String.format("src/m%03d.js", i));
        }
        write("docs/deep/readme.md");
        // root, docs and src are listed (ticks 1 and 2); at tick 3, before docs/deep, the walk's time is spent
        WorkspaceScan scan = new WorkspaceScanner(8, 10_000, ticks(3)).scan(root);
        assertThat(scan.files()).hasSize(300).doesNotContain("docs/deep/readme.md");
        ContentIndex index = ContentIndex.build(root, scan, ticks(1));
        WorkspaceFacts facts = WorkspaceFacts.of(root, scan, new ToolchainDetector(Map.of()).detect(root), List.of(), false,
                CompletableFuture.completedFuture(index));
        assertThat(facts.notes()).contains(
                "The workspace scan stopped at its safety time limit (--scan-max-seconds) after 303 entries, so this plan "
                        + "depends on the machine's speed; deeper paths were "
                        + "not considered for scopes. Is " + root + " the project's directory?",
                "The text index stopped at its safety time limit (--scan-max-seconds), so this plan depends on the "
                        + "machine's speed: 44 files were not read for matching; "
                        + "only their names were considered.");
    }

    /**
     * A loaded machine: every clock read finds 3 s gone (at load 30 a gson-sized index took 3.5-5 s). The plan is
     * the one an unlimited clock gives, because what bounds the scan is its entry and byte limits; the old 2-s limit
     * under the same clock cut the index after its first slice, and with it the file the objective names.
     */
    @Test
    void theSameWorkspaceGivesTheSamePlanHoweverSlowTheClock() throws Exception {
        for (int i = 0; i < 600; i++) {
            write(String.format("src/m%03d/index.js", i));
        }
        Files.writeString(root.resolve("src/m550/index.js"), "export function parseMalformedNumber(text) { return text; }\n");
        Files.writeString(root.resolve("package.json"), "{\"scripts\":{\"test\":\"node --test\"}}\n");
        String objective = "make parseMalformedNumber report the position of a malformed number";

        PlanDraft unlimited = plan(objective, ScanBudget.unlimited());
        PlanDraft slow = plan(objective, slowClock(ScanBudget.DEFAULT));
        assertThat(slow.packets()).isEqualTo(unlimited.packets());
        assertThat(slow.warnings()).isEqualTo(unlimited.warnings());
        assertThat(unlimited.packets()).anySatisfy(p -> assertThat(p.files()).contains("src/m550/index.js"));

        PlanDraft oldLimit = plan(objective, slowClock(Duration.ofSeconds(2)));
        assertThat(oldLimit.packets()).noneSatisfy(p -> assertThat(p.files()).contains("src/m550/index.js"));
    }

    private static ScanBudget slowClock(Duration limit) {
        AtomicLong now = new AtomicLong();
        return new ScanBudget(limit.toNanos(), ScanBudget.FLOOR_ENTRIES, () -> now.getAndAdd(Duration.ofSeconds(3).toNanos()));
    }

    private PlanDraft plan(String objective, ScanBudget budget) throws Exception {
        WorkspaceScan scan = new WorkspaceScanner(WorkspaceScanner.DEFAULT_MAX_DEPTH, WorkspaceScanner.DEFAULT_MAX_ENTRIES, budget)
                .scan(root);
        WorkspaceFacts facts = WorkspaceFacts.of(root, scan, new ToolchainDetector(Map.of()).detect(root), List.of(), false,
                CompletableFuture.completedFuture(ContentIndex.build(root, scan, budget)));
        return new BuiltInPlanner().plan(objective, facts, null);
    }

    @ParameterizedTest(name = "--scan-max-seconds {0} → exit {1}")
    @CsvSource({"0, 2", "soon, 2", "-1, 2", "1, 0"})
    void theBudgetIsAWholeNumberOfSecondsOnTheCommandLine(String value, int exitCode) throws Exception {
        assertThat(ServiceRun.of(root, List.of("--scan-max-seconds", value)).exitCode).isEqualTo(exitCode);
    }
}
