package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/orchestrator serve on a real run paused at its plan gate: approved in the inbox, trusted in
 * the inbox, the run is resumed by the dashboard and completes; the log records both decisions with
 * source web and the local user, as a terminal would.
 */
class DashboardIT extends E2E {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aPlanApprovedAndTrustedInTheInboxRunsToTheEnd() throws Exception {
        copyDashboard();
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));
        Result paused = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(), "check"));
        assertThat(paused.exit()).as(paused.all()).isEqualTo(3);
        String id = paused.runId();

        Path out = temp.resolve("serve.out");
        Path err = temp.resolve("serve.err");
        Process serve = start(List.of(ORCHESTRATOR.toString(), "serve", "-C", workspace.toString()), Map.of(), out, err);
        try {
            Matcher url = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:(\\d+))/\\?token=(\\S+)").matcher("");
            for (int i = 0; i < 600 && !url.reset(Files.readString(out)).find(); i++) {
                assertThat(serve.isAlive()).as(Files.readString(err)).isTrue();
                Thread.sleep(50);
            }
            String base = url.group(1);
            String token = url.group(3);

            decide(base, token, id, "approve", "fine by me");
            JsonNode state = waitFor(base, token, id, s -> !s.path("status").asText().equals("running")
                    && events(id).stream().anyMatch(e -> e.path("kind").asText().equals("gate_approved")));
            if (state.path("waiting_for").asText().startsWith("trust")) {
                decide(base, token, id, "trust", null);
                state = waitFor(base, token, id, s -> s.path("status").asText().equals("completed"));
            }
            assertThat(state.path("status").asText()).as(Files.readString(runDir(id).resolve("dashboard-resume.log"))).isEqualTo("completed");
            List<JsonNode> approvals = events(id).stream().filter(e -> e.path("kind").asText().equals("gate_approved")).toList();
            assertThat(approvals).isNotEmpty();
            JsonNode planApproval = approvals.stream().filter(a -> a.path("gate").asText().equals("plan")).findFirst().orElseThrow();
            assertThat(planApproval.path("source").asText()).isEqualTo("web");
            assertThat(planApproval.path("comment").asText()).isEqualTo("fine by me");
            assertThat(planApproval.path("approver").asText()).isEqualTo(System.getProperty("user.name"));
            assertThat(planApproval.path("digest").asText()).isNotEmpty();
        } finally {
            serve.descendants().forEach(ProcessHandle::destroy);
            serve.destroy();
        }
    }

    private void decide(String base, String token, String id, String action, String comment) throws Exception {
        String inbox = http.send(HttpRequest.newBuilder(URI.create(base + "/inbox")).header("X-Harness-Token", token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"csrf\" content=\"([^\"]+)\"").matcher(inbox);
        assertThat(csrf.find()).isTrue();
        assertThat(inbox).contains("value=\"" + action + "\"");
        String body = "action=" + action + "&csrf=" + csrf.group(1) + (comment == null ? "" : "&comment=" + comment.replace(' ', '+'));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/run/" + id + "/decide"))
                .header("X-Harness-Token", token).header("Origin", base)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    }

    private JsonNode waitFor(String base, String token, String id, java.util.function.Predicate<JsonNode> done) throws Exception {
        JsonNode state = null;
        for (int i = 0; i < 1200; i++) {
            state = Json.parse(http.send(HttpRequest.newBuilder(URI.create(base + "/run/" + id + "/state.json"))
                    .header("X-Harness-Token", token).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (done.test(state) && !dev.harness.orchestrator.runlog.EventLog.writerActive(
                    dev.harness.orchestrator.runlog.RunDirectory.open(runDir(id).getParent(), id))) {
                return state;
            }
            Thread.sleep(100);
        }
        return state;
    }
}
