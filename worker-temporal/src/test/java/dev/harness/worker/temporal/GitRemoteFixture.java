package dev.harness.worker.temporal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.harness.worker.checkout.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A bare git remote in a temporary directory and the person's repository that pushes to it. */
final class GitRemoteFixture {
    final Path remote;
    final Path repo;
    final Git git;
    final Map<String, String> env;

    GitRemoteFixture(Path dir) throws IOException {
        env = new HashMap<>(System.getenv());
        env.put("HOME", dir.resolve("home").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "person");
        env.put("GIT_AUTHOR_EMAIL", "person@example.com");
        env.put("GIT_COMMITTER_NAME", "person");
        env.put("GIT_COMMITTER_EMAIL", "person@example.com");
        Files.createDirectories(dir.resolve("home"));
        git = new Git(env);
        remote = Files.createDirectories(dir.resolve("remote.git"));
        repo = Files.createDirectories(dir.resolve("repo"));
        ok(git.run(remote, "init", "-q", "--bare"));
        ok(git.run(repo, "init", "-q", "-b", "main"));
        Files.writeString(repo.resolve("README.md"), "a project\n");
        ok(git.run(repo, "add", "-A"));
        ok(git.run(repo, "commit", "-q", "-m", "first"));
        ok(git.run(repo, "remote", "add", "origin", remote.toString()));
    }

    String head() {
        return git.run(repo, "rev-parse", "HEAD").text();
    }

    /** Pushes HEAD as a task's start ref, as the worker manager does before a dispatch. */
    String pushStart(String workerId) {
        String ref = "refs/harness/tasks/" + workerId + "/start";
        ok(git.run(repo, "push", "-q", "--force", "--", remote.toString(), "+" + head() + ":" + ref));
        return ref;
    }

    static void ok(Git.Output output) {
        assertTrue(output.ok(), output.text());
    }
}
