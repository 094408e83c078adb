package dev.harness.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/bootstrap-service under LC_ALL=C on a repository with a non-ASCII name that attacks the
 * person running it (an fsmonitor command, a post-index-change hook, a CLAUDE.md linked to a file
 * outside) and holds credentials (environment, .mcp.json): the bootstrap before trust runs nothing
 * of the repository, reads nothing outside it, and no secret reaches stdout, stderr or its files.
 */
class BootstrapBeforeTrustTest {
    private static final Path HOME = Paths.get(System.getProperty("harness.home")).toAbsolutePath().normalize();
    private static final String GITHUB = "ghp_SystemTestT0kenValue0123456789abcd";
    private static final String URL_PASSWORD = "urlPw-5e5e5e";
    private static final String ENV_VALUE = "envValue-a1b2c3";
    private static final String OUTSIDE = "OUTSIDE-CONTENT-c0ffee";

    @TempDir
    Path tmp;

    @Test
    void nothingOfTheWorkspaceRunsAndNoSecretLeaves() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("dépôt-日本"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "# r\n");
        git(repo, "add", "README.md");
        git(repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        Path fsmonitor = executable(tmp.resolve("fsmonitor.sh"), "touch " + markers.resolve("fsmonitor"));
        git(repo, "config", "core.fsmonitor", fsmonitor.toString());
        executable(repo.resolve(".git/hooks/post-index-change"), "touch " + markers.resolve("hook"));
        Files.setLastModifiedTime(repo.resolve("README.md"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Path outside = Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("notes.md"), OUTSIDE);
        Files.createSymbolicLink(repo.resolve("CLAUDE.md"), outside);
        Files.writeString(repo.resolve("AGENTS.md"), "Use the token " + GITHUB + " carefully.\n");
        Files.writeString(repo.resolve(".mcp.json"), """
                {"mcpServers": {"remote": {"type": "http", "url": "https://u:%s@example.invalid/mcp"},
                                "local": {"command": "sh", "args": ["-c", "touch %s"], "env": {"SETTING": "%s"}}}}"""
                .formatted(URL_PASSWORD, markers.resolve("server"), ENV_VALUE));

        String request = Json.write(Json.object().put("jsonrpc", "2.0").put("id", 1).put("method", "execute_plan")
                .set("params", Json.object()
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set("phases", Json.toNode(List.of("cli_entry",
                                "system_prompt_fastpath", "mcp_fastpath", "daemon_worker_fastpath", "main_runtime")))
                        .set("context", Json.object().put("cwd", repo.toString()).put("probe_mcp_servers", false))));
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/bootstrap-service").toString()).directory(tmp.toFile());
        Map<String, String> env = builder.environment();
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.put("HOME", tmp.toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        env.put("GITHUB_TOKEN", GITHUB);
        Path err = tmp.resolve("stderr");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        JsonNode response = stdout.lines().map(BootstrapBeforeTrustTest::parse).filter(m -> m.has("id")).findFirst().orElseThrow();
        assertThat(response.at("/result/success").asBoolean()).as(stdout).isTrue();
        assertThat(response.at("/result/results/0/artifacts/workspace").asText()).isEqualTo(repo.toRealPath().toString());
        assertThat(markers.resolve("fsmonitor")).doesNotExist();
        assertThat(markers.resolve("hook")).doesNotExist();
        assertThat(markers.resolve("server")).doesNotExist();

        List<String> outputs = new ArrayList<>(List.of(stdout, Files.readString(err)));
        try (Stream<Path> files = Files.walk(repo.resolve(".harness"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                outputs.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        for (String secret : List.of(GITHUB, URL_PASSWORD, ENV_VALUE, OUTSIDE)) {
            assertThat(outputs).noneMatch(output -> output.contains(secret));
        }
    }

    private static JsonNode parse(String line) {
        try {
            return Json.parse(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("stdout carried a line that is not JSON: " + line);
        }
    }

    private static Path executable(Path file, String command) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + command + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("git " + argv + " failed: " + output);
        }
    }
}
