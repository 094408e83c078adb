package dev.harness.bootstrap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.bootstrap.ServiceSession;
import dev.harness.bootstrap.Workspaces;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace whose configuration, instruction files and servers are full of credentials, and a
 * service whose environment holds more: after the whole bootstrap (untrusted, then trusted with the
 * servers started), no secret value is on any wire line, in stderr, or in any file it wrote.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecretsNeverLeaveTest {
    private static final String ANTHROPIC = "sk-ant-api03-QmFzZTY0SXNOb3RFbm91Z2g0242";
    private static final String GITHUB = "ghp_R3alLookingT0kenValue0123456789abcd";
    private static final String URL_PASSWORD = "urlPw-9d8c7b";
    private static final String QUERY_KEY = "qk-55aa66bb";
    private static final String ARG_TOKEN = "ghp_ArgumentT0ken0123456789abcdefghij";
    private static final String ENV_VALUE = "envValue-77e1f0";
    private static final String HOST_DB_PASSWORD = "hostDbPw-c0ffee";
    private static final String STDERR_DB_PASSWORD = "stderrPw-ba5eba11";
    private static final String HEADER_TOKEN = "hdr-Secret-31337";
    private static final List<String> SECRETS = List.of(ANTHROPIC, GITHUB, URL_PASSWORD, QUERY_KEY, ARG_TOKEN, ENV_VALUE,
            HOST_DB_PASSWORD, STDERR_DB_PASSWORD, HEADER_TOKEN);

    @TempDir
    Path tmp;

    @Test
    void noSecretValueReachesAnyOutput() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Workspaces.write(repo.resolve(".mcp.json"), """
                {"mcpServers": {
                  "remote": {"type": "http", "url": "https://deploy:%s@example.invalid/mcp?api_key=%s&region=eu",
                             "headers": {"Authorization": "Bearer %s"}},
                  "db": {"command": "sh",
                         "args": ["-c", "echo \\"connecting to postgres://u:%s@h/db failed: $1 $DB_URL\\" >&2; exit 3", "db",
                                  "--token=%s"],
                         "env": {"PLAIN_SETTING": "%s", "DB_URL": "${DATABASE_URL}"}}
                }}""".formatted(URL_PASSWORD, QUERY_KEY, HEADER_TOKEN, STDERR_DB_PASSWORD, ARG_TOKEN, ENV_VALUE));
        Workspaces.write(repo.resolve("CLAUDE.md"), "# Notes\nDeploy with GITHUB_TOKEN=" + GITHUB + " and key " + ANTHROPIC
                + "\nThe db: " + ENV_VALUE + "\n");
        Map<String, String> env = Map.of("ANTHROPIC_API_KEY", ANTHROPIC, "GITHUB_TOKEN", GITHUB,
                "DATABASE_URL", "postgres://app:" + HOST_DB_PASSWORD + "@db.internal/app");
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp.resolve("home"), env));
        ObjectNode packet = Json.object().put("id", "t1").put("objective", "ship it with " + ANTHROPIC).put("scope", "workspace")
                .<ObjectNode>set("acceptance_tests", Json.toNode(List.of("echo " + GITHUB))).put("description", "curl -H 'Authorization: Bearer " + HEADER_TOKEN + "' https://x/?token=" + GITHUB);

        for (boolean trusted : List.of(false, true)) {
            ObjectNode params = Json.object();
            params.set("phases", Json.toNode(List.of("cli_entry", "system_prompt_fastpath", "mcp_fastpath",
                    "daemon_worker_fastpath", "main_runtime")));
            ObjectNode context = Workspaces.context(repo).put("probe_mcp_servers", trusted).put("agent", "none");
            context.set("task_packet", packet);
            params.set("context", context);
            params.put("force", true);
            JsonNode result = session.result("execute_plan", params);
            assertThat(result.get("success").asBoolean()).as(result.toString()).isTrue();
        }
        session.result("get_status", Json.object().set("context", Workspaces.context(repo)));

        // The failure is still explained, with the credential masked where it stood.
        String wire = String.join("\n", session.allRawLines);
        assertThat(wire).contains("postgres://u:***@h/db failed");
        assertThat(wire).contains("https://deploy:***@example.invalid/mcp?api_key=***&region=eu");

        List<String> outputs = new ArrayList<>(session.allRawLines);
        outputs.add(session.allStderr.toString());
        try (Stream<Path> files = Files.walk(repo.resolve(".harness"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                outputs.add(file + ": " + Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertThat(outputs).anyMatch(o -> o.contains("system-prompt.md: "));
        for (String secret : SECRETS) {
            String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            for (String output : outputs) {
                assertThat(output).as("output leaks a secret").doesNotContain(secret).doesNotContain(base64);
            }
        }
    }
}
