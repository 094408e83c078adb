package dev.harness.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against the reference MCP server from the npm registry. Runs only where node and npm
 * exist and the package is installed globally, or may be installed (HARNESS_TEST_NPM_INSTALL=1,
 * into a temporary prefix); the default suite stays offline.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ServerEverythingTest {
    static final String PACKAGE = "@modelcontextprotocol/server-everything";

    @TempDir
    Path tmp;

    @Test
    void probesTheReferenceServerForReal() throws Exception {
        assumeTrue(Workspaces.onPath("node") && Workspaces.onPath("npm"), "node and npm are needed");
        Path packageDir = installed().or(this::installIfAllowed).orElse(null);
        assumeTrue(packageDir != null, PACKAGE + " is not installed; set HARNESS_TEST_NPM_INSTALL=1 to install it");
        JsonNode manifest = Json.parse(Files.readString(packageDir.resolve("package.json")));
        JsonNode bin = manifest.get("bin");
        String entry = bin.isTextual() ? bin.asText() : bin.properties().iterator().next().getValue().asText();

        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Workspaces.mcpJson(repo, "everything", "node", packageDir.resolve(entry).toString(), "stdio");
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        JsonNode result = session.result("execute_phase", ServiceSession.phase("mcp_fastpath",
                Workspaces.context(repo).put("mcp_timeout_ms", 60_000)));
        JsonNode server = result.at("/artifacts/servers/0");
        assertThat(server.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(server.at("/server_info/name").asText()).isNotBlank();
        assertThat(server.get("tools")).extracting(JsonNode::asText).contains("echo");
        assertThat(server.get("tool_count").asInt()).isGreaterThan(3);
    }

    private Optional<Path> installed() {
        try {
            // stdout only: npm prints its warnings (e.g. about user config) on stderr
            Process process = new ProcessBuilder("npm", "root", "-g").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String root = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            Path dir = Path.of(root).resolve(PACKAGE);
            return Files.isRegularFile(dir.resolve("package.json")) ? Optional.of(dir) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Optional<Path> installIfAllowed() {
        if (!"1".equals(System.getenv("HARNESS_TEST_NPM_INSTALL"))) {
            return Optional.empty();
        }
        try {
            Path prefix = tmp.resolve("npm");
            Process process = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(), PACKAGE)
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("npm-install.log").toFile()).start();
            if (!process.waitFor(8, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Path dir = prefix.resolve("node_modules").resolve(PACKAGE);
            if (process.exitValue() != 0 || !Files.isRegularFile(dir.resolve("package.json"))) {
                throw new AssertionError("npm install failed: " + Files.readString(tmp.resolve("npm-install.log")));
            }
            return Optional.of(dir);
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
