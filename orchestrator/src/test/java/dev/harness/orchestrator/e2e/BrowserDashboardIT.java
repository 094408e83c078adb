package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: headless Chromium (Debian's chromium) driven by playwright-core
 * (npm, installed globally by .ci/run) over bin/orchestrator serve and a real run paused at its plan
 * gate — the graph is shown, the plan approved in the inbox, the failed task's evidence opened, the
 * cause fixed and retry decided in the page, the tasks turn green live. Screenshots
 * per step in orchestrator/target/browser-screenshots/. Skipped, saying why, where the browser,
 * node or playwright-core is missing.
 */
class BrowserDashboardIT extends E2E {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void approveInTheBrowserAndWatchTheTasksTurnGreen() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium): browser test skipped");
        assumeTrue(output("node", "--version") != null, "node is not installed: browser test skipped");
        String globalModules = output("npm", "root", "-g");
        assumeTrue(globalModules != null && Files.isDirectory(Path.of(globalModules, "playwright-core")),
                "playwright-core is not installed (npm install -g playwright-core): browser test skipped");

        copyDashboard();
        // t2's check fails until the person fixes the workspace (fixed.txt), then decides retry in the page
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")),
                packet("t2", "Check the fix", List.of("test -f fixed.txt || { echo 'not ok 1 - fixed.txt exists'; exit 1; }"),
                        "t1"));
        Result paused = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(),
                "--recipes", FAST_RECIPES.toString(), "check"));
        assertThat(paused.exit()).as(paused.all()).isEqualTo(3);
        String id = paused.runId();

        Path out = temp.resolve("serve.out");
        Path err = temp.resolve("serve.err");
        Process serve = start(List.of(ORCHESTRATOR.toString(), "serve", "-C", workspace.toString()), Map.of(), out, err);
        try {
            Matcher url = Pattern.compile("Dashboard: (\\S+)").matcher("");
            for (int i = 0; i < 600 && !url.reset(Files.readString(out)).find(); i++) {
                assertThat(serve.isAlive()).as(Files.readString(err)).isTrue();
                Thread.sleep(50);
            }
            Path shots = ROOT.resolve("orchestrator/target/browser-screenshots");
            Files.createDirectories(shots);
            Path script = ROOT.resolve("orchestrator/src/test/resources/dashboard/browser-check.mjs");
            ProcessBuilder node = new ProcessBuilder("node", script.toString(), url.group(1), id, shots.toString(),
                    workspace.resolve("fixed.txt").toString()).redirectErrorStream(true);
            node.environment().put("NODE_PATH", globalModules);
            node.environment().put("CHROMIUM", CHROMIUM.toString());
            // an ES module resolves bare names from its own location, not NODE_PATH: link the global module in
            Path modules = temp.resolve("node_modules");
            Files.createDirectories(modules);
            Files.createSymbolicLink(modules.resolve("playwright-core"), Path.of(globalModules, "playwright-core"));
            Path local = temp.resolve("browser-check.mjs");
            Files.copy(script, local);
            node.command().set(1, local.toString());
            Process browser = node.start();
            String result = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(browser.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(browser.exitValue()).as(result).isZero();
            JsonNode seen = Json.parse(result.lines().reduce((a, b) -> b).orElse("{}"));
            assertThat(seen.path("status").asText()).isEqualTo("completed");
            assertThat(seen.path("sawTaskCompleted").asBoolean()).as("the live stream showed task_completed").isTrue();
            assertThat(seen.path("fills")).hasSize(2);
            seen.path("fills").forEach(fill -> assertThat(fill.asText()).isEqualTo("#86efac"));
            // the failed task's evidence was on the page where retry was decided
            assertThat(seen.path("evidence").asText()).contains("not ok 1 - fixed.txt exists");
            assertThat(seen.path("reason").asText()).contains("fixed.txt");
            assertThat(shots.resolve("5-failed-evidence.png")).exists();
            assertThat(shots.resolve("7-completed.png")).exists();
            assertThat(events(id).stream().filter(e -> e.path("kind").asText().equals("gate_approved")
                    && e.path("gate").asText().equals("plan")).map(e -> e.path("source").asText()).toList()).containsExactly("web");
            // retry is recorded as made in the page: by the run, and in the worker manager's own record
            List<JsonNode> decisions = events(id, "decision_recorded", "t2");
            assertThat(decisions).filteredOn(e -> !e.has("payload")).singleElement().satisfies(d -> {
                assertThat(d.path("decision").asText()).isEqualTo("retry");
                assertThat(d.path("source").asText()).isEqualTo("web");
                assertThat(d.path("approver").asText()).isEqualTo(System.getProperty("user.name"));
            });
            assertThat(decisions).filteredOn(e -> e.has("payload")).singleElement()
                    .satisfies(d -> assertThat(d.at("/payload/source").asText()).isEqualTo("web"));
            assertThat(events(id, "task_completed", "t2")).hasSize(1);
        } finally {
            serve.descendants().forEach(ProcessHandle::destroy);
            serve.destroy();
        }
    }
}
