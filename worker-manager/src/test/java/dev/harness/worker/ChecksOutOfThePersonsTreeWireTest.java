package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static dev.harness.worker.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The person's working tree is theirs: in every worktree mode, with and without an agent, in a
 * git repository and in a plain directory, what the acceptance tests write (coverage/,
 * __pycache__/, test-results/) never lands in it, and the harness adds nothing there but what an
 * agent working in place was asked to write. Trees are compared file by file, ignored files
 * included, before and after.
 */
class ChecksOutOfThePersonsTreeWireTest {
    /** What a project's test run typically leaves behind; fails unless the person's uncommitted edit is there. */
    private static final String CHECK = "grep -q dark src/theme.js && mkdir -p coverage __pycache__ test-results"
            + " && echo covered > coverage/out.txt && echo x > __pycache__/theme.cpython-311.pyc"
            + " && echo '<x/>' > test-results/junit.xml && touch .nyc_output";

    @TempDir
    Path tmp;

    Path repo;

    @BeforeEach
    void repository() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        Fixtures.write(repo.resolve(".gitignore"), "__pycache__/\n.nyc_output\n");
        Fixtures.write(repo.resolve("src/theme.js"), "export const theme = 'light';\n");
        Fixtures.git(repo, "add", "-A");
        Fixtures.git(repo, "commit", "-q", "-m", "initial");
        Fixtures.write(repo.resolve("src/theme.js"), "export const theme = 'dark';\n"); // uncommitted
        Fixtures.write(repo.resolve("notes.txt"), "untracked\n");
    }

    private WireSession session(String worktrees) throws Exception {
        return session(worktrees, Fixtures.env(tmp.resolve("home")));
    }

    private WireSession session(String worktrees, Map<String, String> env) throws Exception {
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp + "\"]\n");
        return new WireSession(env, "--state-dir", tmp.resolve("state").toString(),
                "--trust-policy", policy.toString(), "--worktrees", worktrees);
    }

    private static JsonNode run(WireSession wire, ObjectNode params) {
        String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        return wire.ok("wait_worker", id(worker));
    }

    private static JsonNode placed(WireSession wire, String worker) {
        return wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("checks_placed")).findFirst()
                .orElseThrow(() -> new AssertionError("no checks_placed in " + wire.kinds(worker)));
    }

    /** Every file, link and directory under {@code root} with its content, .git's own files aside. */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String name = root.relativize(p).toString();
                if (name.equals(".git") || name.startsWith(".git/")) {
                    continue;
                }
                files.put(name, Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/"
                        : new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)); // bytecode too
            }
        }
        return files;
    }

    private String status() throws Exception {
        return Fixtures.gitOut(repo, "status", "--porcelain", "--ignored", "--untracked-files=all");
    }

    @Test
    void withoutAnAgentTheChecksVerifyTheUncommittedEditInACopyAndTheTreeIsByteIdentical() throws Exception {
        for (String mode : new String[] {"auto", "never"}) { // always: a worktree of HEAD, without the edit (tested below)
            String status = status();
            Map<String, String> before = tree(repo);
            try (WireSession wire = session(mode)) {
                ObjectNode packet = packet("Check the dark theme", CHECK);
                packet.put("commit_policy", "none");
                JsonNode done = run(wire, spawn(packet, repo, "none"));
                String worker = done.get("worker_id").asText();
                assertThat(done.get("state").asText()).as(mode + ": " + wire.kinds(worker)).isEqualTo("finished");
                JsonNode where = placed(wire, worker).get("payload");
                assertThat(where.get("placement").asText()).as(mode).isEqualTo("git_checkout");
                assertThat(Path.of(where.get("directory").asText())).as(mode).doesNotExist(); // removed after
                wire.assertEventsSchemaValid();
            }
            assertThat(status()).as(mode).isEqualTo(status);
            assertThat(tree(repo)).as(mode).isEqualTo(before);
            assertThat(Fixtures.gitOut(repo, "worktree", "list")).as(mode).doesNotContain("checkout");
        }
    }

    @Test
    void pythonsBytecodeOfALentVirtualenvStaysOutOfThePersonsTree() throws Exception {
        // an installed module in the person's .venv (lent to the copy as a link) and the project's own source
        Fixtures.write(repo.resolve(".gitignore"), "__pycache__/\n.nyc_output\n.venv/\n");
        Fixtures.write(repo.resolve(".venv/lib/site-packages/helper.py"), "ANSWER = 42\n");
        Fixtures.write(repo.resolve("src/calc.py"), "from helper import ANSWER\nVALUE = ANSWER\n");
        String status = status();
        Map<String, String> before = tree(repo);
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        env.remove("PYTHONDONTWRITEBYTECODE"); // Python's default: bytecode beside each module it imports
        env.remove("PYTHONPYCACHEPREFIX");
        try (WireSession wire = session("auto", env)) {
            ObjectNode packet = packet("Check the calculation",
                    "PYTHONPATH=.venv/lib/site-packages:src python3 -c 'import calc; assert calc.VALUE == 42'");
            packet.put("commit_policy", "none");
            JsonNode done = run(wire, spawn(packet, repo, "none"));
            String worker = done.get("worker_id").asText();
            assertThat(done.get("state").asText()).as(wire.kinds(worker).toString()).isEqualTo("finished");
            assertThat(placed(wire, worker).at("/payload/linked").toString()).contains(".venv");
        }
        assertThat(tree(repo)).isEqualTo(before); // no .venv/lib/site-packages/__pycache__, no src/__pycache__
        assertThat(status()).isEqualTo(status);
    }

    @Test
    void anAgentsCommitHoldsItsWorkButNothingTheChecksWrote() throws Exception {
        Map<String, String> before = tree(repo);
        try (WireSession wire = session("auto")) {
            ObjectNode packet = packet("Record the theme", CHECK + " && test -f used.txt");
            packet.put("commit_policy", "single verified commit");
            JsonNode done = run(wire, spawn(packet, repo, template(Fixtures.agent(tmp.resolve("agents"), "write-file.sh"),
                    "used.txt", "yes")));
            String worker = done.get("worker_id").asText();
            // a worktree is HEAD: the person's uncommitted edit is not in it, so the check fails there — as it should
            assertThat(done.get("state").asText()).as(wire.kinds(worker).toString()).isEqualTo("failed");
            assertThat(placed(wire, worker).at("/payload/workdir").asText()).contains("/worktrees/");
        }
        assertThat(tree(repo)).isEqualTo(before);

        Fixtures.git(repo, "commit", "-q", "-a", "-m", "dark");
        try (WireSession wire = session("always")) {
            ObjectNode packet = packet("Record the theme", CHECK + " && test -f used.txt");
            packet.put("commit_policy", "single verified commit");
            JsonNode done = run(wire, spawn(packet, repo, template(Fixtures.agent(tmp.resolve("agents"), "write-file.sh"),
                    "used.txt", "yes")));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
            String files = Fixtures.gitOut(repo, "show", "--name-only", "--format=", done.get("branch").asText());
            assertThat(files.lines().toList()).containsExactly("used.txt"); // no coverage/out.txt, no test-results/
        }
        Map<String, String> committed = tree(repo);
        assertThat(committed).doesNotContainKeys("used.txt", "coverage", "__pycache__", "test-results", ".nyc_output");
    }

    @Test
    void anAgentWorkingInPlaceLeavesItsOwnChangeAndNothingElse() throws Exception {
        Map<String, String> before = tree(repo);
        try (WireSession wire = session("auto")) {
            ObjectNode packet = packet("Record the theme", CHECK + " && test -f used.txt");
            packet.put("commit_policy", "none");
            JsonNode done = run(wire, spawn(packet, repo, template(Fixtures.agent(tmp.resolve("agents"), "write-file.sh"),
                    "used.txt", "yes")));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
        }
        Map<String, String> expected = new TreeMap<>(before);
        expected.put("used.txt", "yes\n");
        assertThat(tree(repo)).isEqualTo(expected);
    }

    @Test
    void aPlainDirectoryIsCheckedInACopy() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Fixtures.write(plain.resolve("src/theme.js"), "export const theme = 'dark';\n");
        Map<String, String> before = tree(plain);
        try (WireSession wire = session("auto")) {
            JsonNode done = run(wire, spawn(packet("Check the dark theme", CHECK), plain, "none"));
            String worker = done.get("worker_id").asText();
            assertThat(done.get("state").asText()).as(wire.kinds(worker).toString()).isEqualTo("finished");
            assertThat(placed(wire, worker).at("/payload/placement").asText()).isEqualTo("copy");
            assertThat(placed(wire, worker).at("/payload/reason").asText()).isEqualTo("not a git work tree");
        }
        assertThat(tree(plain)).isEqualTo(before);
    }

    @Test
    void aWorkerManagerStartedOnItsOwnKeepsItsDefaultStateOwnerOnly() throws Exception {
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        env.put("XDG_STATE_HOME", tmp.resolve("xdg-state").toString());
        try (WireSession wire = new WireSession(env)) {
            wire.ok("list_workers", dev.harness.protocol.Json.object());
        }
        Path state = tmp.resolve("xdg-state/harness/workers");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
    }
}
