package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A scan is reused exactly while its tree stamp proves the tree unchanged (issue 15): the same
 * facts for an untouched tree, fresh facts and a fresh plan after any change, however deep.
 */
class ScanCacheTest {
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    private static final FileTime LESS_LONG_AGO = FileTime.from(Instant.parse("2021-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private Path root;

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** Every mtime in the tree set to long ago: a tree nobody is editing while it is scanned. */
    static void age(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.setLastModifiedTime(path, LONG_AGO);
            }
        }
    }

    private ScanCache cache() {
        return new ScanCache(new WorkspaceScanner(WorkspaceScanner.DEFAULT_MAX_DEPTH, WorkspaceScanner.DEFAULT_MAX_ENTRIES),
                new ToolchainDetector(Map.of("PATH", "")), Duration.ofHours(1), Clock.systemUTC());
    }

    private void dashboard() throws IOException {
        root = dir.resolve("ws");
        write("package.json", "{\"scripts\":{\"test\":\"node --test test/\"}}");
        write("src/dashboard/dashboard.js", "export function render() { return 'dashboard'; }\n");
        write("src/theme/theme.js", "export const theme = 'light';\n");
        write("test/dashboard.test.js", "import { render } from '../src/dashboard/dashboard.js';\n");
        write(".git/info/exclude", "");
        root = root.toRealPath();
        age(root);
    }

    @Test
    void anUntouchedTreeIsScannedOnce() throws Exception {
        dashboard();
        ScanCache cache = cache();
        WorkspaceFacts first = cache.facts(root);
        for (int i = 0; i < 50; i++) {
            assertThat(cache.facts(root)).isSameAs(first);
        }
        assertThat(cache.scans()).isEqualTo(1);
    }

    interface Change {
        void apply(Path root) throws IOException;
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("a nested file rewritten in place, same size", (Change) root -> {
                    Path file = root.resolve("src/theme/theme.js");
                    Files.writeString(file, "export const theme = 'dark!';\n");
                    Files.setLastModifiedTime(file, LESS_LONG_AGO); // the edit is old news by the next request
                }),
                Arguments.of("a nested file grown, its mtime put back", (Change) root -> {
                    Path file = root.resolve("src/theme/theme.js");
                    Files.writeString(file, "export const theme = 'light';\nexport const accent = 'blue';\n");
                    Files.setLastModifiedTime(file, LONG_AGO);
                }),
                Arguments.of("a file added deep in the tree", (Change) root -> {
                    Files.writeString(root.resolve("src/theme/toggle.js"), "export function toggle() {}\n");
                }),
                Arguments.of("a file removed", (Change) root -> Files.delete(root.resolve("src/theme/theme.js"))),
                Arguments.of("a directory renamed", (Change) root -> Files.move(root.resolve("src/theme"), root.resolve("src/themes"))),
                Arguments.of("a .gitignore that now ignores a directory", (Change) root -> {
                    Files.writeString(root.resolve(".gitignore"), "src/theme/\n");
                }),
                Arguments.of("git's own exclude file written (no directory of the scan changes)", (Change) root -> {
                    Files.writeString(root.resolve(".git/info/exclude"), "test/\n");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangeGivesFreshFacts(String name, Change change) throws Exception {
        dashboard();
        ScanCache cache = cache();
        WorkspaceFacts before = cache.facts(root);
        assertThat(cache.facts(root)).isSameAs(before);

        change.apply(root);
        WorkspaceFacts after = cache.facts(root);

        assertThat(after).isNotSameAs(before);
        assertThat(cache.scans()).isEqualTo(2);
        WorkspaceFacts scratch = ScannedWorkspace.facts(root); // what a service started now would see
        assertThat(after.scan().files()).isEqualTo(scratch.scan().files());
        assertThat(after.scan().directories()).isEqualTo(scratch.scan().directories());
    }

    @Test
    void aChangedFileGivesAFreshPlan() throws Exception {
        dashboard();
        ScanCache cache = cache();
        String objective = "fix the frobnicate function's rounding";
        List<String> before = ScannedWorkspace.located(objective, cache.facts(root));
        assertThat(before).doesNotContain("src/theme/theme.js");

        Path file = root.resolve("src/theme/theme.js");
        Files.writeString(file, "export const theme = 'light';\nexport function frobnicate(x) { return Math.round(x); }\n");
        Files.setLastModifiedTime(file, LESS_LONG_AGO);
        List<String> after = ScannedWorkspace.located(objective, cache.facts(root));

        assertThat(after).isEqualTo(ScannedWorkspace.located(objective, ScannedWorkspace.facts(root)));
        assertThat(after).contains("src/theme/theme.js");
    }

    /**
     * What a plan keeps between requests (the test globs compiled from a package's node --test scripts, kept by the
     * parsed manifest; an objective's cues; each path's classification) never outlives the tree it came from: an
     * edited test script gives the checks a fresh service gives.
     */
    @Test
    void aChangedTestScriptGivesFreshChecks() throws Exception {
        root = dir.resolve("lib");
        write("package.json", "{\"name\":\"lib\",\"type\":\"module\",\"scripts\":{\"test\":\"node --test test/unit/*.test.js\"}}");
        write("src/writer.js", "export function list(items) {\n  return '<ol>' + items.join('') + '</ol>';\n}\n");
        write("test/unit/writer.test.js", "import { list } from '../../src/writer.js';\nimport { it } from 'node:test';\n"
                + "it('writes a list', () => list([1]));\n");
        write("test/report.js", "import { list } from '../src/writer.js';\nimport { it } from 'node:test';\n"
                + "it('prints', () => console.log(list([1, 2])));\n");
        root = root.toRealPath();
        age(root);
        ScanCache cache = cache();
        String objective = "the writer's `list` must write a `start` attribute";
        BuiltInPlanner planner = new BuiltInPlanner();
        List<String> before = planner.plan(objective, cache.facts(root), null).packets().get(0).acceptanceTests();
        assertThat(planner.plan(objective, cache.facts(root), null).packets().get(0).acceptanceTests()).isEqualTo(before);

        Path manifest = root.resolve("package.json");
        Files.writeString(manifest, "{\"name\":\"lib\",\"type\":\"module\",\"scripts\":{\"test\":\"node --test test/report.js\"}}");
        Files.setLastModifiedTime(manifest, LESS_LONG_AGO);
        List<String> after = planner.plan(objective, cache.facts(root), null).packets().get(0).acceptanceTests();

        assertThat(after).isNotEqualTo(before);
        assertThat(after).isEqualTo(new BuiltInPlanner().plan(objective, ScannedWorkspace.facts(root), null).packets().get(0)
                .acceptanceTests());
    }

    @Test
    void aTreeModifiedAroundTheScanIsNotTrusted() throws Exception {
        dashboard();
        write("src/theme/theme.js", "export const theme = 'dark';\n"); // mtime now: maybe written while the scan ran
        ScanCache cache = cache();
        WorkspaceFacts first = cache.facts(root);

        assertThat(cache.facts(root)).isNotSameAs(first);
        assertThat(cache.scans()).isEqualTo(2);
    }

    @Test
    void aStampSeesEveryScannedPathAndTheExcludeFile() throws Exception {
        dashboard();
        WorkspaceScan scan = new WorkspaceScanner(8, 10_000).scan(root);
        TreeStamp stamp = TreeStamp.of(root, scan, Long.MAX_VALUE);

        assertThat(stamp.size()).isEqualTo(2 + scan.directories().size() + scan.files().size());
        assertThat(stamp.unchanged()).isTrue();
        assertThat(stamp.settled()).isTrue();
        assertThat(TreeStamp.of(root, scan, LONG_AGO.to(java.util.concurrent.TimeUnit.NANOSECONDS)).settled()).isFalse();
    }
}
