package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceDetectionTest {
    @TempDir
    Path root;

    private final ToolchainDetector detector = new ToolchainDetector(Map.of("PATH", System.getenv().getOrDefault("PATH", "")));

    private Path write(String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void packageJsonScriptsBecomeNpmCommands() throws Exception {
        write("package.json", "{\"scripts\":{\"test\":\"node --test test/\",\"build\":\"node b.js\",\"lint\":\"eslint .\"}}");
        WorkspaceCommands commands = detector.detect(root);
        assertThat(commands.testCommands()).containsExactly("npm test");
        assertThat(commands.allChecks()).containsExactly("npm run build", "npm run lint", "npm test");
        assertThat(commands.targetedTest("test/theme.test.js")).contains("node --test 'test/theme.test.js'");
    }

    @Test
    void npmPlaceholderTestScriptIsNotATest() throws Exception {
        write("package.json", "{\"scripts\":{\"test\":\"echo \\\"Error: no test specified\\\" && exit 1\"}}");
        WorkspaceCommands commands = detector.detect(root);
        assertThat(commands.testCommands()).isEmpty();
        assertThat(commands.notes()).anyMatch(n -> n.contains("no real \"test\" script"));
    }

    @Test
    void jestGetsNpmTestWithThePath() throws Exception {
        write("package.json", "{\"scripts\":{\"test\":\"jest\"}}");
        assertThat(detector.detect(root).targetedTest("src/a.test.ts")).contains("npm test -- 'src/a.test.ts'");
    }

    @Test
    void mavenGradleCargoGoPytestMake() throws Exception {
        write("pom.xml", "<project/>");
        assertThat(detector.detect(root).testCommands()).containsExactly("mvn -q test");
        assertThat(detector.detect(root).targetedTest("src/test/java/com/acme/ThemeTest.java")).contains("mvn -q test -Dtest=ThemeTest");
        Files.delete(root.resolve("pom.xml"));

        write("build.gradle.kts", "plugins {}");
        assertThat(detector.detect(root).testCommands()).containsExactly("gradle test");
        Path wrapper = write("gradlew", "#!/bin/sh\n");
        wrapper.toFile().setExecutable(true);
        assertThat(detector.detect(root).testCommands()).containsExactly("./gradlew test");
        Files.delete(root.resolve("build.gradle.kts"));
        Files.delete(wrapper);

        write("Cargo.toml", "[package]\nname='x'\n");
        assertThat(detector.detect(root).testCommands()).containsExactly("cargo test");
        assertThat(detector.detect(root).targetedTest("tests/theme.rs")).contains("cargo test --test theme");
        Files.delete(root.resolve("Cargo.toml"));

        write("go.mod", "module x\n");
        // go vet only when the project runs it: vet's findings on deliberate test inputs fail a project that never does
        assertThat(detector.detect(root).allChecks()).containsExactly("go build ./...", "go test ./...");
        // golangci-lint is another tool (not part of Go) with vet among its linters: a bare go vet is not what it runs
        write(".golangci.yml", "linters:\n  enable:\n    - govet\n");
        write(".github/workflows/lint.yml", "jobs:\n  lint:\n    steps:\n      - uses: golangci/golangci-lint-action@v6\n");
        assertThat(detector.detect(root).allChecks()).containsExactly("go build ./...", "go test ./...");
        Files.delete(root.resolve(".golangci.yml"));
        Files.delete(root.resolve(".github/workflows/lint.yml"));
        write(".github/workflows/ci.yml", "jobs:\n  test:\n    steps:\n      - run: go vet ./...\n");
        assertThat(detector.detect(root).allChecks()).containsExactly("go build ./...", "go vet ./...", "go test ./...");
        Files.delete(root.resolve(".github/workflows/ci.yml"));
        assertThat(detector.detect(root).targetedTest("internal/theme/theme_test.go")).contains("go test './internal/theme'");
        Files.delete(root.resolve("go.mod"));

        write("pyproject.toml", "[project]\nname='x'\n");
        assertThat(detector.detect(root).testCommands()).containsExactly("pytest");
        assertThat(detector.detect(root).targetedTest("tests/test_theme.py")).contains("pytest 'tests/test_theme.py'");
        Files.delete(root.resolve("pyproject.toml"));

        write("setup.cfg", "[metadata]\nname = x\n");
        assertThat(detector.detect(root).testCommands()).isEmpty();
        write("setup.cfg", "[tool:pytest]\ntestpaths = tests\n");
        assertThat(detector.detect(root).testCommands()).containsExactly("pytest");
        Files.delete(root.resolve("setup.cfg"));

        // tox.ini is there but names a runner that is not used: the note says what it found and why, not only "looked for tox.ini"
        write("tox.ini", "[tox]\nenvlist = py37\n\n[testenv]\ncommands = nosetests\ndeps =\n    nose\n");
        assertThat(new ToolchainDetector(Map.of("PATH", "/nonexistent")).detect(root).notes())
                .anyMatch(n -> n.startsWith("No test command detected") && n.contains("tox.ini runs 'nosetests', not used: "
                        + "nosetests is not installed here"));
        Files.delete(root.resolve("tox.ini"));
        assertThat(detector.detect(root).notes()).filteredOn(n -> n.startsWith("No test command detected"))
                .singleElement().asString().doesNotContain("tox.ini runs")
                // what the note promises is true with no test command: no check runs the project's tests (not "paths")
                .endsWith("no acceptance test can run the project's own tests.").doesNotContain("check paths");

        // tox still runs nose, the development requirements pin pytest: pytest is what the developers run
        write("setup.py", "from setuptools import setup\nsetup(name='x')\n");
        write("tox.ini", "[testenv]\ncommands = nosetests\ndeps =\n    nose\n");
        write("requirements.txt", "wheel==0.38.1\npytest-cov==3.0.0\n");
        assertThat(detector.detect(root).testCommands()).isEmpty();
        write("requirements.txt", "wheel==0.38.1\npytest==6.2.5\npytest-cov==3.0.0\n");
        assertThat(detector.detect(root).testCommands()).containsExactly("pytest");
        for (String file : List.of("setup.py", "tox.ini", "requirements.txt")) {
            Files.delete(root.resolve(file));
        }

        write("Makefile", "CC := cc\nbuild:\n\tcc x.c\ntest: build\n\t./run-tests\n");
        WorkspaceCommands make = detector.detect(root);
        assertThat(make.testCommands()).containsExactly("make test");
        assertThat(make.buildCommands()).containsExactly("make build");
    }

    @Test
    void makefileWithoutTestTargetAndEmptyWorkspaceSaySo() throws Exception {
        assertThat(detector.detect(root).notes()).anyMatch(n -> n.startsWith("No test command detected"));
        write("Makefile", "all:\n\tcc x.c\n");
        assertThat(detector.detect(root).notes()).anyMatch(n -> n.contains("Makefile has no test"));
    }

    @Test
    void missingToolsAreNoted() throws Exception {
        write("Cargo.toml", "[package]\n");
        WorkspaceCommands commands = new ToolchainDetector(Map.of("PATH", "/nonexistent")).detect(root);
        assertThat(commands.notes()).anyMatch(n -> n.contains("'cargo' is not on PATH"));
    }

    @Test
    void scanSkipsBuildOutputHiddenAndGitignoredPaths() throws Exception {
        write(".gitignore", "# generated\n*.log\n/generated/\nsecret*\n!secret-but-kept.txt\ndocs/**/draft.md\n");
        write("src/theme/theme.js", "");
        write("src/app.log", "");
        write("generated/x.js", "");
        write("lib/generated/y.js", "");
        write("secret.txt", "");
        write("secret-but-kept.txt", "");
        write("docs/a/b/draft.md", "");
        write("docs/a/b/final.md", "");
        write("node_modules/left-pad/index.js", "");
        write("target/classes/X.class", "");
        write(".git/HEAD", "");
        write("src/.gitignore", "theme.js\n");
        WorkspaceScan scan = new WorkspaceScanner(8, 10_000).scan(root);
        assertThat(scan.files()).contains("secret-but-kept.txt", "lib/generated/y.js", "docs/a/b/final.md")
                .doesNotContain("src/app.log", "generated/x.js", "secret.txt", "docs/a/b/draft.md", "src/theme/theme.js");
        assertThat(scan.directories()).contains("src", "src/theme", "lib/generated")
                .doesNotContain("node_modules", "target", ".git", "generated");
        assertThat(scan.files()).noneMatch(f -> f.startsWith("node_modules") || f.startsWith("target"));
    }

    @Test
    void scanIsBoundedByDepthAndEntries() throws Exception {
        write("a/b/c/d/e/f.txt", "");
        WorkspaceScan shallow = new WorkspaceScanner(2, 10_000).scan(root);
        assertThat(shallow.directories()).containsExactly("a", "a/b");
        assertThat(shallow.depthLimited()).isTrue();
        for (int i = 0; i < 30; i++) {
            write("many/f" + i + ".txt", "");
        }
        WorkspaceScan capped = new WorkspaceScanner(8, 10).scan(root);
        assertThat(capped.truncated()).isTrue();
        assertThat(capped.directories().size() + capped.files().size()).isLessThanOrEqualTo(10);
        // breadth first: the top level is seen before anything deep
        assertThat(capped.directories()).contains("a", "many");
    }

    @Test
    void cacheReusesAScanUntilTheTreeChangesOrTheTtlPasses() throws Exception {
        write("src/theme/theme.js", "");
        ScanCacheTest.age(root); // a tree written just now is rescanned (ScanCacheTest)
        MutableClock clock = new MutableClock();
        ScanCache cache = new ScanCache(new WorkspaceScanner(8, 10_000), detector, Duration.ofSeconds(10), clock);
        Path canonical = root.toRealPath();
        WorkspaceFacts first = cache.facts(canonical);
        assertThat(cache.facts(canonical)).isSameAs(first);
        assertThat(cache.scans()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(11));
        assertThat(cache.facts(canonical)).isNotSameAs(first);
        assertThat(cache.scans()).isEqualTo(2);

        write("src/dashboard/dashboard.js", "");
        Files.setLastModifiedTime(canonical, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        WorkspaceFacts rescanned = cache.facts(canonical);
        assertThat(cache.scans()).isEqualTo(3);
        assertThat(rescanned.scan().directories()).contains("src/dashboard");
    }

    @Test
    void placesMatchObjectiveWordsAndSynonymsInNames() throws Exception {
        write("src/dashboard/dashboard.js", "");
        write("src/theme/theme.js", "");
        write("src/components/header.js", "");
        write("test/theme.test.js", "");
        write("test/dashboard.test.js", "");
        WorkspaceFacts facts = new ScanCache(new WorkspaceScanner(8, 10_000), new ToolchainDetector(Map.of()),
                java.time.Duration.ZERO, java.time.Clock.systemUTC()).facts(root.toRealPath());
        List<ChangeLocator.FileMatch> places = ChangeLocator.locate(ChangeLocator.keys("add dark mode to the dashboard"), facts, java.util.Set.of());
        assertThat(places).extracting(ChangeLocator.FileMatch::path).containsExactly("src/dashboard/dashboard.js", "src/theme/theme.js");
        assertThat(facts.graph().testsFor("src/dashboard/dashboard.js", facts.names().testFiles(), 4)).containsExactly("test/dashboard.test.js");
        assertThat(facts.graph().testsFor("src/theme/theme.js", facts.names().testFiles(), 4)).containsExactly("test/theme.test.js");
        assertThat(ChangeLocator.locate(ChangeLocator.keys("rename the header component"), facts, java.util.Set.of()))
                .extracting(ChangeLocator.FileMatch::path).containsExactly("src/components/header.js");
        assertThat(ChangeLocator.locate(ChangeLocator.keys("speed up the database"), facts, java.util.Set.of())).isEmpty();
    }

    @Test
    void termsAreStemmedAndStopWordsDropped() {
        assertThat(ObjectiveTerms.of("Add the Themes and styling to the dashboards")).containsExactly("them", "styl", "dashboard");
        assertThat(ObjectiveTerms.ofName("ThemeToggle.test.tsx")).containsExactly("them", "toggl");
        assertThat(ObjectiveTerms.related("dark")).contains("them");
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
