package dev.harness.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The person's working tree is theirs, through bin/orchestrator with --agent none: a git project
 * whose test writes coverage/out.txt, __pycache__/ and test-results/, with an uncommitted edit the
 * test needs. After the run, `git status --porcelain --ignored` is byte-identical to before and
 * every file of the tree is as it was, yet the check passed: it ran on the person's uncommitted
 * change, in a throwaway checkout.
 */
class PersonsTreeUntouchedTest {
    private static final Path HOME = Paths.get(System.getProperty("harness.home")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void aRunWithoutAnAgentVerifiesTheUncommittedEditAndLeavesTheTreeAsItWas() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("project"));
        git(repo, "init", "-q", "-b", "main");
        write(repo.resolve(".gitignore"), "__pycache__/\n");
        write(repo.resolve("src/theme.js"), "export const theme = 'light';\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "initial");
        write(repo.resolve("src/theme.js"), "export const theme = 'dark';\n"); // the person's uncommitted edit
        write(repo.resolve("scratch.txt"), "untracked, not ignored\n");
        String check = "grep -q dark src/theme.js && mkdir -p coverage src/__pycache__ test-results"
                + " && echo covered > coverage/out.txt && echo x > src/__pycache__/theme.cpython-311.pyc"
                + " && echo '<testsuite/>' > test-results/junit.xml";
        Path plan = write(tmp.resolve("plan.json"), """
                [{"id": "t1", "title": "Check the dark theme", "objective": "Check that the theme is dark",
                  "scope": "module", "scope_path": "src", "acceptance_tests": [%s], "depends_on": [],
                  "commit_policy": "none", "escalation_policy": "ask"}]""".formatted(json(check)));

        String status = git(repo, "status", "--porcelain", "--ignored", "--untracked-files=all");
        Map<String, String> before = tree(repo);
        Result run = orchestrator("-C", repo.toString(), "--plan", plan.toString(), "--yes", "--trust", "--agent", "none",
                "check the theme");
        assertThat(run.exit()).as(run.all()).isZero(); // passes only with the uncommitted edit
        assertThat(git(repo, "status", "--porcelain", "--ignored", "--untracked-files=all")).isEqualTo(status);
        assertThat(tree(repo)).isEqualTo(before);
        assertThat(git(repo, "worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).count())
                .isEqualTo(1);

        Result events = orchestrator("events", run.runId(), "--json");
        assertThat(events.stdout()).contains("\"checks_placed\"", "\"git_checkout\"");
        Result table = orchestrator("events", run.runId());
        assertThat(table.stdout()).contains("checks run in a throwaway checkout of");
    }

    private static String json(String text) {
        return dev.harness.protocol.Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Every file, link and directory with its content, .git aside. */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String name = root.relativize(p).toString();
                if (!name.equals(".git") && !name.startsWith(".git/")) {
                    files.put(name, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : Files.readString(p));
                }
            }
        }
        return files;
    }

    private String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        String runId() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Run (\\d{8}-\\d{6}-[0-9a-f]{4})").matcher(all());
            assertThat(m.find()).as(all()).isTrue();
            return m.group(1);
        }
    }

    private Result orchestrator(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin").resolve("orchestrator").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", tmp.toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        env.put("XDG_STATE_HOME", tmp.resolve("state").toString());
        env.remove("HARNESS_TRUST_POLICY");
        env.put("NO_COLOR", "1");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
