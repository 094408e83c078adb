package dev.harness.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's run, through bin/orchestrator as a person runs it: credentials in the environment
 * (ANTHROPIC_API_KEY, GITHUB_TOKEN, a postgres URL with a password) and a password written
 * literally in the person's own acceptance-test command; the check echoes all of them (also in
 * base64) and fails, the run escalates, and status, events --json, runs, plan and resume follow.
 * No output of any of those commands and no file under the state directory holds any secret,
 * except plan.json: the approved plan's exact bytes (owner-only), which the approval digest covers.
 */
class SecretsThroughARunTest {
    private static final Path HOME = Paths.get(System.getProperty("harness.home")).toAbsolutePath().normalize();
    private static final String ANTHROPIC = "sk-ant-api03-SyStEmTeSt0123456789abcdefghijklmnop";
    private static final String GITHUB = "ghp_SecretsRunT0kenValue0123456789abcd";
    private static final String DB_PASSWORD = "dbPassw0rd-7f7f7f";
    private static final String LITERAL_PASSWORD = "hunter2pw-literal";

    @TempDir
    Path tmp;

    private final List<String> outputs = new ArrayList<>();

    @Test
    void noSecretReachesAnyOutputOrAnyFileOfTheRun() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        String check = "echo \"key=$ANTHROPIC_API_KEY gh=$GITHUB_TOKEN db=$DATABASE_URL\"; "
                + "printf %s \"$ANTHROPIC_API_KEY\" | base64; printf %s \"$GITHUB_TOKEN\" | base64; "
                + "echo psql postgres://u:" + LITERAL_PASSWORD + "@db.example.invalid/app; test -f fixed";
        Path plan = Files.writeString(tmp.resolve("plan.json"), """
                [{"id": "t1", "title": "Check the database", "objective": "Check that the database answers",
                  "scope": "workspace", "acceptance_tests": [%s], "depends_on": [],
                  "commit_policy": "none", "escalation_policy": "ask"}]""".formatted(json(check)));

        Result paused = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust", "check");
        assertThat(paused.exit()).as(paused.all()).isEqualTo(3); // the check failed: waiting for a decision
        String id = paused.runId();
        assertThat(paused.all()).contains("***", "needs a decision");
        orchestrator("status", id);
        orchestrator("events", id, "--json");
        orchestrator("events", id);
        orchestrator("runs", "--all");
        orchestrator("-C", workspace.toString(), "plan", "check that the database answers");
        Files.writeString(workspace.resolve("fixed"), "");
        Result resumed = orchestrator("resume", id, "--decision", "retry", "-C", workspace.toString());
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        orchestrator("status", id);

        Map<String, String> secrets = new LinkedHashMap<>();
        for (String secret : List.of(ANTHROPIC, GITHUB, DB_PASSWORD, LITERAL_PASSWORD)) {
            secrets.put(secret, secret);
            String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            secrets.put(b64.substring(0, b64.length() - 4), "base64 of " + secret); // the stable prefix
        }
        for (String output : outputs) {
            secrets.forEach((needle, name) -> assertThat(output).as("an output shows " + name).doesNotContain(needle));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tmp.resolve("state"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anySatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo("events.jsonl"));
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            boolean approvedPlan = file.getFileName().toString().equals("plan.json");
            // the worker manager keeps the packet it runs (its record) as approved; the agent's prompt.md is masked
            // once the agent is done with it
            boolean workerInput = file.toString().contains("/workers/") && file.toString().contains("/records/");
            secrets.forEach((needle, name) -> {
                if (!((approvedPlan || workerInput) && name.contains(LITERAL_PASSWORD))) {
                    assertThat(text).as(file + " holds " + name).doesNotContain(needle);
                }
            });
        }
        Path approved = files.stream().filter(f -> f.getFileName().toString().equals("plan.json")).findFirst().orElseThrow();
        assertThat(Files.readString(approved)).contains(LITERAL_PASSWORD); // exactly what was approved, for resume
        assertThat(files).filteredOn(f -> f.getFileName().toString().equals("prompt.md")).isNotEmpty()
                .allSatisfy(f -> assertThat(Files.readString(f)).contains("postgres://u:***@db.example.invalid"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(approved)))
                .isEqualTo("rw-------");
    }

    private static String json(String text) {
        return dev.harness.protocol.Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
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
        env.put("ANTHROPIC_API_KEY", ANTHROPIC);
        env.put("GITHUB_TOKEN", GITHUB);
        env.put("DATABASE_URL", "postgres://app:" + DB_PASSWORD + "@db.example.invalid/app");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        outputs.add(result.all());
        return result;
    }
}
