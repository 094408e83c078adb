package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A run waiting at its terminal (a real pseudo-terminal) takes the answers given elsewhere while
 * nobody types: the plan approved in the dashboard (bin/orchestrator serve, over HTTP), the
 * workspace trusted by {@code resume --trust} from another process, an escalation decided in the
 * dashboard. The terminal says where each answer came from; the log records each with its real
 * source, as if made at the terminal; the run finishes in the terminal that started it.
 */
class AnsweredElsewhereIT extends E2E {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aRunWaitingAtItsTerminalTakesDecisionsFromTheDashboardAndFromAnotherResume() throws Exception {
        copyDashboard();
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")),
                packet("t2", "Check the release notes", List.of("test -f RELEASE-NOTES.md"), "t1"));
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", temp.resolve("config").toString(),
                "XDG_STATE_HOME", temp.resolve("state").toString(), "HOME", temp.resolve("home").toString());
        String command = "NO_COLOR=1 " + PtySession.quote(ORCHESTRATOR.toString()) + " -C " + PtySession.quote(workspace.toString())
                + " --plan " + PtySession.quote(plan.toString()) + " --recipes " + PtySession.quote(FAST_RECIPES.toString()) + " check";
        Path out = temp.resolve("serve.out");
        Process serve = start(List.of(ORCHESTRATOR.toString(), "serve", "-C", workspace.toString()), Map.of(), out,
                temp.resolve("serve.err"));
        try (PtySession terminal = new PtySession(command, temp, env)) {
            Matcher url = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+)/\\?token=(\\S+)").matcher("");
            for (int i = 0; i < 1200 && !url.reset(Files.readString(out)).find(); i++) {
                assertThat(serve.isAlive()).as(Files.readString(temp.resolve("serve.err"))).isTrue();
                Thread.sleep(50);
            }
            String base = url.group(1);
            String token = url.group(2);

            terminal.await("Approve this plan?", 1);
            String id = new Result(0, terminal.screen(), "").runId();
            decide(base, token, id, "approve", "looks right from the browser");
            terminal.await("→ approve, answered in the dashboard by " + System.getProperty("user.name"), 1);

            terminal.await("Trust this workspace for this run?", 1);
            Result resumed = orchestrator(Map.of(), List.of("resume", id, "-C", workspace.toString(), "--trust"));
            assertThat(resumed.exit()).as(resumed.all()).isZero();
            assertThat(resumed.stderr()).contains("trusted the workspace at its terminal");
            terminal.await("→ yes, answered by another orchestrator (resume)", 1);

            terminal.await("Retry, skip this task, or abort the run?", 1);
            decide(base, token, id, "skip", null);
            terminal.await("→ skip, answered in the dashboard", 1);
            assertThat(terminal.exit()).as(terminal.screen()).isEqualTo(5); // completed with skips

            JsonNode planApproval = events(id, "gate_approved").stream()
                    .filter(e -> e.path("gate").asText().equals("plan")).findFirst().orElseThrow();
            assertThat(planApproval.path("source").asText()).isEqualTo("web");
            assertThat(planApproval.path("comment").asText()).isEqualTo("looks right from the browser");
            assertThat(planApproval.path("approver").asText()).isEqualTo(System.getProperty("user.name"));
            assertThat(events(id, "gate_approved").stream().filter(e -> e.path("gate").asText().equals("trust")))
                    .hasSize(1).allSatisfy(e -> assertThat(e.path("source").asText()).isEqualTo("cli_flag"));
            // the run's record and the worker manager's own (relayed with its payload) both say web
            List<JsonNode> decisions = events(id, "decision_recorded", "t2");
            assertThat(decisions).filteredOn(e -> !e.has("payload")).singleElement().satisfies(d -> {
                assertThat(d.path("decision").asText()).isEqualTo("skip");
                assertThat(d.path("source").asText()).isEqualTo("web");
            });
            assertThat(decisions).filteredOn(e -> e.has("payload")).singleElement()
                    .satisfies(d -> assertThat(d.at("/payload/source").asText()).isEqualTo("web"));
            assertThat(events(id, "task_skipped", "t2")).hasSize(1);
            // a question answered is no longer offered anywhere
            assertThat(Files.exists(runDir(id).resolve("prompt.json"))).isFalse();
        } finally {
            serve.descendants().forEach(ProcessHandle::destroy);
            serve.destroy();
        }
    }

    /** Answers the question the inbox shows for run {@code id}, as the page's form would. */
    private void decide(String base, String token, String id, String action, String comment) throws Exception {
        String inbox = "";
        Matcher prompt = Pattern.compile("name=\"prompt\" value=\"([0-9a-f]+)\"").matcher("");
        for (int i = 0; i < 200 && !(inbox.contains("value=\"" + action + "\"") && prompt.reset(inbox).find()); i++) {
            Thread.sleep(50); // the terminal writes what it asks just after showing it
            inbox = http.send(HttpRequest.newBuilder(URI.create(base + "/inbox")).header("X-Harness-Token", token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        assertThat(inbox).contains("Asked at a terminal now", "value=\"" + action + "\"");
        Matcher csrf = Pattern.compile("name=\"csrf\" content=\"([^\"]+)\"").matcher(inbox);
        assertThat(csrf.find()).isTrue();
        String body = "action=" + action + "&csrf=" + csrf.group(1) + "&prompt=" + prompt.group(1)
                + (comment == null ? "" : "&comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/run/" + id + "/decide"))
                .header("X-Harness-Token", token).header("Origin", base)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    }
}
