package dev.harness.orchestrator.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.api.run.PauseStatus;
import dev.harness.api.run.RunEvent;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.FailureClass;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.protocol.Json;
import dev.harness.protocol.secrets.Redactor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of the dashboard over HTTP, with its token, CSRF and origin refusals. */
class DashboardTest {
    @TempDir
    Path temp;

    private Dashboard dashboard;
    private Path launches;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String base;

    @BeforeEach
    void start() throws Exception {
        // the resume the dashboard starts is recorded (argv, one per line) instead of run
        launches = temp.resolve("launches.txt");
        Path fake = temp.resolve("fake-orchestrator.sh");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + launches + ".tmp && mv "
                + launches + ".tmp " + launches + "\n");
        fake.toFile().setExecutable(true);
        Redactor redactor = Redactor.builtIn().withValues(List.of("hunter2-secret-value"));
        dashboard = new Dashboard("127.0.0.1", 0, new RunCatalog(temp.resolve("runs"), null), redactor,
                List.of(fake.toString()), "tester");
        dashboard.ssePollMs(20);
        dashboard.start();
        base = "http://127.0.0.1:" + dashboard.port();
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> authed(String path) throws Exception {
        return get(path, "X-Harness-Token", dashboard.token());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The dashboard starts the resume in the background: wait (at most 30 s) until the fake orchestrator recorded it. */
    private void awaitLaunch() throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(launches); i++) {
            Thread.sleep(50);
        }
    }

    private static String csrfOf(String page) {
        Matcher m = Pattern.compile("name=\"csrf\" content=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    private RunScript pausedAtPlanGate(String id) {
        RunScript run = new RunScript(temp.resolve("runs"), id, RunScript.tree()).awaitApproval();
        run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_APPROVAL, "no terminal", null));
        return run;
    }

    @Test
    void nothingIsServedWithoutTheTokenAndTheTokenBecomesACookie() throws Exception {
        for (String path : List.of("/", "/inbox", "/api/runs", "/static/app.js", "/run/x", "/run/x/events")) {
            assertEquals(401, get(path).statusCode(), path);
            assertEquals(401, get(path, "X-Harness-Token", "wrong").statusCode(), path);
        }
        assertEquals(403, get("/?token=wrong").statusCode());
        HttpResponse<String> first = get("/?token=" + dashboard.token());
        assertEquals(303, first.statusCode());
        assertEquals("/", first.headers().firstValue("Location").orElseThrow());
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        HttpResponse<String> page = get("/", "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));
        // another Host (DNS rebinding) is refused even with the token (HttpClient will not send a Host of its own)
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", dashboard.port())) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: evil.example\r\nX-Harness-Token: " + dashboard.token()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(status.startsWith("HTTP/1.1 421"), status);
        }
    }

    @Test
    void runsPageRunPageStateGraphStaticAndInboxShowTheRunsRedacted() throws Exception {
        try (RunScript run = pausedAtPlanGate("run-a")) {
            new RunScript(temp.resolve("runs"), "run-b", RunScript.tree()).approve().start("a")
                    .output("a", "login with hunter2-secret-value ok\n").complete("a").start("b").close();
            HttpResponse<String> runs = authed("/");
            assertEquals(200, runs.statusCode());
            assertTrue(runs.body().contains("run-a") && runs.body().contains("awaiting_approval"), runs.body());
            assertTrue(runs.body().contains("Inbox: 1 waiting"), runs.body());
            JsonNode list = Json.parse(authed("/api/runs").body());
            assertEquals(2, list.size());

            String page = authed("/run/run-b").body();
            assertTrue(page.contains("<svg") && page.contains("id=\"task-a\" data-status=\"completed\""), page);
            assertTrue(page.contains("id=\"task-b\" data-status=\"interrupted\"") || page.contains("id=\"task-b\" data-status=\"running\""), page);
            assertFalse(page.contains("hunter2-secret-value"), "a secret never reaches the page");
            assertTrue(page.contains("login with *** ok") || page.contains("login with " + Redactor.MASK), page);

            JsonNode state = Json.parse(authed("/run/run-b/state.json").body());
            assertEquals("completed", state.path("tasks").get(0).path("status").asText());
            assertFalse(state.toString().contains("hunter2"));
            HttpResponse<String> svg = authed("/run/run-a/graph.svg");
            assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(svg.body().startsWith("<svg") && svg.body().contains("marker-end"), svg.body());
            assertEquals(200, authed("/static/app.css").statusCode());
            assertTrue(authed("/static/app.js").body().contains("EventSource"));
            assertEquals(404, authed("/run/nope").statusCode());
            assertEquals(404, authed("/nope").statusCode());

            String busy = authed("/inbox").body();
            assertTrue(busy.contains("An orchestrator holds this run now") && !busy.contains("value=\"approve\""), busy);
            run.close(); // the orchestrator paused and exited: now the inbox can answer
            String inbox = authed("/inbox").body();
            assertTrue(inbox.contains("Waiting for approval of the plan") && inbox.contains("value=\"approve\"")
                    && inbox.contains("value=\"reject\""), inbox);
        }
    }

    @Test
    void thePlanAndTheTasksTableNameTheFilesEachPacketListsEscaped() throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode packets = RunScript.tree();
        ((com.fasterxml.jackson.databind.node.ObjectNode) packets.get(0)).putArray("files").add("src/theme/store.js").add("src/<b>x.js");
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-f", packets).awaitApproval()) {
            run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_APPROVAL, "no terminal", null));
            run.close();
            String inbox = authed("/inbox").body();
            assertTrue(inbox.contains("<span class=\"files\">files: src/theme/store.js, src/&lt;b&gt;x.js</span>"), inbox);
            String page = authed("/run/run-f").body();
            assertTrue(page.contains("Add theme store <span class=\"files\">files: src/theme/store.js, src/&lt;b&gt;x.js</span>"), page);
            assertFalse(page.contains("src/<b>x.js"), page);
        }
    }

    @Test
    void theEventStreamSendsEachLogLineAsItIsWritten() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-s", RunScript.tree())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/run/run-s/events"))
                    .header("X-Harness-Token", dashboard.token()).build();
            HttpResponse<java.io.InputStream> stream = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElseThrow());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                assertEquals("id: 1", in.readLine());
                assertEquals("event: run_event", in.readLine());
                assertTrue(in.readLine().contains("\"kind\":\"run_started\""));
                run.start("a").output("a", "token hunter2-secret-value\n");
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = in.readLine()) != null && !line.contains("agent_exited")) {
                    seen.append(line).append('\n');
                }
                assertTrue(seen.toString().contains("task_started"), seen.toString());
                assertTrue(line != null && !line.contains("hunter2-secret-value"), line);
            }
        }
    }

    @Test
    void aDecisionNeedsTheCsrfTokenAndThisOriginThenResumesTheRunAsWeb() throws Exception {
        try (RunScript run = pausedAtPlanGate("run-d")) {
            run.close(); // no orchestrator holds the run: it is paused
            String csrf = csrfOf(authed("/inbox").body());
            String origin = base;
            String token = dashboard.token();
            assertEquals(401, post("/run/run-d/decide", "action=approve&csrf=" + csrf, "Origin", origin).statusCode());
            assertEquals(403, post("/run/run-d/decide", "action=approve&csrf=" + csrf, "X-Harness-Token", token,
                    "Origin", "http://evil.example").statusCode());
            assertEquals(403, post("/run/run-d/decide", "action=approve&csrf=" + csrf, "X-Harness-Token", token).statusCode());
            assertEquals(403, post("/run/run-d/decide", "action=approve&csrf=made-up", "X-Harness-Token", token,
                    "Origin", origin).statusCode());
            assertEquals(409, post("/run/run-d/decide", "action=retry&csrf=" + csrf, "X-Harness-Token", token,
                    "Origin", origin).statusCode());
            HttpResponse<String> ok = post("/run/run-d/decide", "action=approve&comment=looks+good&csrf=" + csrf,
                    "X-Harness-Token", token, "Origin", origin);
            assertEquals(303, ok.statusCode(), ok.body());
            awaitLaunch();
            List<String> argv = Files.readAllLines(launches);
            assertEquals(List.of("resume", "run-d", "--state-dir", temp.resolve("runs").toString(), "-C", temp.resolve("runs").toString(),
                    "--yes", "--approval-source", "web", "--approval-comment", "looks good"), argv);
        }
    }

    @Test
    void aRejectionIsRecordedInTheLogWithSourceWeb() throws Exception {
        try (RunScript run = pausedAtPlanGate("run-r")) {
            run.close();
            String csrf = csrfOf(authed("/run/run-r").body());
            HttpResponse<String> rejected = post("/run/run-r/decide", "action=reject&comment=too+broad&csrf=" + csrf,
                    "X-Harness-Token", dashboard.token(), "Origin", base);
            assertEquals(303, rejected.statusCode(), rejected.body());
            RunState state = RunState.rebuild(EventLogReader.readAll(temp.resolve("runs/run-r/events.jsonl")));
            assertEquals("rejected", state.status().wire());
            assertEquals(ApprovalSource.WEB, state.approvals().get(state.approvals().size() - 1).source());
            assertEquals("tester", state.approvals().get(state.approvals().size() - 1).approver());
            assertEquals("too broad", state.approvals().get(state.approvals().size() - 1).comment());
        }
    }

    @Test
    void anEscalationIsDecidedInTheInbox() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-e", RunScript.tree()).approve().start("a")) {
            run.log.append(new RunEvent.TaskFailed("a", "w-a", FailureClass.LOGIC_ERROR, "tests fail", true));
            run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_DECISION, "logic_error", "a"));
            run.close();
            String inbox = authed("/inbox").body();
            assertTrue(inbox.contains("value=\"retry\"") && inbox.contains("value=\"skip\"") && inbox.contains("value=\"abort\""), inbox);
            String csrf = csrfOf(inbox);
            HttpResponse<String> decided = post("/run/run-e/decide", "action=retry&task=a&csrf=" + csrf,
                    "X-Harness-Token", dashboard.token(), "Origin", base, "Accept", "application/json");
            assertEquals(200, decided.statusCode(), decided.body());
            awaitLaunch();
            List<String> argv = Files.readAllLines(launches);
            assertTrue(String.join(" ", argv).contains("--decision retry --approval-source web"), argv.toString());
        }
    }

    @Test
    void aQuestionAskedAtATerminalIsAnsweredInTheInboxAndTakenThereWithSourceWeb() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-t", RunScript.tree()).approve().start("a")) {
            // the orchestrator holding the run asks at its terminal whether to trust the workspace for task a
            DecisionInbox asking = new DecisionInbox(run.dir);
            asking.asking(new dev.harness.orchestrator.pipeline.Terminal.Gate(dev.harness.api.run.RunStatus.AWAITING_APPROVAL,
                    "a", "trust"), "Trust this workspace for this run?", List.of("yes", "no"));
            assertTrue(asking.answer().isEmpty());
            String inbox = authed("/inbox").body();
            assertTrue(inbox.contains("Asked at a terminal now: Trust this workspace for this run?")
                    && inbox.contains("value=\"trust\""), inbox);
            assertTrue(authed("/").body().contains("Inbox: 1 waiting"));
            assertTrue(Json.parse(authed("/api/runs").body()).get(0).path("asking").asBoolean(), "the inbox page looks for this");
            assertEquals("trust", Json.parse(authed("/run/run-t/state.json").body()).path("asked_at_terminal").path("gate").asText());
            Matcher prompt = Pattern.compile("name=\"prompt\" value=\"([0-9a-f]+)\"").matcher(inbox);
            assertTrue(prompt.find(), inbox);
            String csrf = csrfOf(inbox);
            // an answer for an earlier question, or one the question does not take, is refused
            assertEquals(409, post("/run/run-t/decide", "action=trust&prompt=0123abcd&csrf=" + csrf,
                    "X-Harness-Token", dashboard.token(), "Origin", base).statusCode());
            assertEquals(409, post("/run/run-t/decide", "action=retry&prompt=" + prompt.group(1) + "&csrf=" + csrf,
                    "X-Harness-Token", dashboard.token(), "Origin", base).statusCode());
            HttpResponse<String> ok = post("/run/run-t/decide", "action=trust&comment=my+repo&prompt=" + prompt.group(1)
                    + "&csrf=" + csrf, "X-Harness-Token", dashboard.token(), "Origin", base, "Accept", "application/json");
            assertEquals(200, ok.statusCode(), ok.body());
            var answer = asking.answer().orElseThrow();
            assertEquals("yes", answer.choice());
            assertEquals(ApprovalSource.WEB, answer.source());
            assertEquals("tester", answer.approver());
            assertEquals("my repo", answer.comment());
            assertEquals("in the dashboard", answer.from());
            assertTrue(asking.answer().isEmpty(), "an answer is taken once");
            asking.asked();
            assertFalse(Files.exists(run.dir.path().resolve("prompt.json")));
            assertFalse(Files.exists(launches), "nothing was resumed: the orchestrator asking took it");
            assertTrue(authed("/inbox").body().contains("Nothing waits for you"));
        }
    }

    /** A run paused at its trust gate: the plan approved, the workspace not trusted, no orchestrator holding it. */
    private RunScript pausedAtTrustGate(String id) {
        RunScript run = new RunScript(temp.resolve("runs"), id, RunScript.tree()).approve();
        run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_TRUST, "the workspace needs trust", null));
        return run;
    }

    @Test
    void trustIsRefusedInTheInboxAndTheRunEndsRejectedAsAtTheTerminal() throws Exception {
        try (RunScript run = pausedAtTrustGate("run-n")) {
            run.close();
            String inbox = authed("/inbox").body();
            assertTrue(inbox.contains("value=\"trust\"") && inbox.contains("Refuse trust") && inbox.contains("value=\"refuse\""), inbox);
            String csrf = csrfOf(inbox);
            assertEquals(401, post("/run/run-n/decide", "action=refuse&csrf=" + csrf, "Origin", base).statusCode());
            assertEquals(403, post("/run/run-n/decide", "action=refuse&csrf=" + csrf, "X-Harness-Token", dashboard.token(),
                    "Origin", "http://evil.example").statusCode());
            assertEquals(403, post("/run/run-n/decide", "action=refuse&csrf=forged", "X-Harness-Token", dashboard.token(),
                    "Origin", base).statusCode());
            assertEquals(1, RunState.rebuild(EventLogReader.readAll(run.dir.eventsFile())).approvals().size(),
                    "a refused request changes nothing");
            HttpResponse<String> refused = post("/run/run-n/decide", "action=refuse&comment=not+my+repo&csrf=" + csrf,
                    "X-Harness-Token", dashboard.token(), "Origin", base, "Accept", "application/json");
            assertEquals(200, refused.statusCode(), refused.body());
            RunState state = RunState.rebuild(EventLogReader.readAll(run.dir.eventsFile()));
            assertEquals("rejected", state.status().wire());
            var last = state.approvals().get(state.approvals().size() - 1);
            assertEquals(dev.harness.api.run.Gate.TRUST, last.gate());
            assertEquals("rejected", last.decision());
            assertEquals(ApprovalSource.WEB, last.source());
            assertEquals("tester", last.approver());
            assertEquals("not my repo", last.comment());
            assertEquals(state.approvedDigest(), last.digest());
            assertFalse(Files.exists(launches), "nothing is resumed: the run is over");
            assertTrue(authed("/inbox").body().contains("Nothing waits for you"));
            // a second answer finds nothing to refuse
            assertEquals(409, post("/run/run-n/decide", "action=refuse&csrf=" + csrf, "X-Harness-Token", dashboard.token(),
                    "Origin", base).statusCode());
        }
    }

    @Test
    void trustAskedAtATerminalIsRefusedFromTheInbox() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-q", RunScript.tree()).approve()) {
            DecisionInbox asking = new DecisionInbox(run.dir);
            asking.asking(new dev.harness.orchestrator.pipeline.Terminal.Gate(dev.harness.api.run.RunStatus.AWAITING_TRUST,
                    null, "trust"), "Trust this workspace for this run?", List.of("yes", "no"));
            String inbox = authed("/inbox").body();
            assertTrue(inbox.contains("value=\"refuse\"") && inbox.contains("Refuse trust"), inbox);
            Matcher prompt = Pattern.compile("name=\"prompt\" value=\"([0-9a-f]+)\"").matcher(inbox);
            assertTrue(prompt.find(), inbox);
            HttpResponse<String> ok = post("/run/run-q/decide", "action=refuse&comment=no+thanks&prompt=" + prompt.group(1)
                    + "&csrf=" + csrfOf(inbox), "X-Harness-Token", dashboard.token(), "Origin", base, "Accept", "application/json");
            assertEquals(200, ok.statusCode(), ok.body());
            var answer = asking.answer().orElseThrow();
            assertEquals("no", answer.choice(), "the terminal's own word for refusing trust");
            assertEquals(ApprovalSource.WEB, answer.source());
            assertEquals("no thanks", answer.comment());
        }
    }

    @Test
    void costTokensAndBudgetAreShownPerRunAndPerTask() throws Exception {
        ArrayNode packets = RunScript.tree();
        ((com.fasterxml.jackson.databind.node.ObjectNode) packets.get(1)).put("budget_usd", 0.02);
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-c", packets, temp.resolve("runs"),
                new Budget(0.05, null)).approve()) {
            run.start("a").usage("a", 0.0421, 12, 340).complete("a");
            run.start("c").usage("c", null, 100, 50); // an agent that reports tokens only
            String page = authed("/run/run-c").body();
            assertTrue(page.contains("Spent: $0.0421, 502 tokens (112 in, 390 out)"), page);
            assertTrue(page.contains("Budget: $0.05 for the run · $0.0079 left"), page);
            assertFalse(page.contains("spent up"), page);
            String rowA = row(page, "a");
            assertTrue(rowA.contains(">$0.0421<") && rowA.contains(">352 tokens<"), rowA);
            String rowB = row(page, "b");
            assertTrue(rowB.contains("<td class=\"cost\" title=\"no usage reported\">—</td><td class=\"tokens\">—</td>")
                    && rowB.contains("$0.02"), rowB);
            String rowC = row(page, "c");
            assertTrue(rowC.contains(">—</td><td class=\"tokens\">150 tokens<"), "no cost reported is —, not $0: " + rowC);

            JsonNode state = Json.parse(authed("/run/run-c/state.json").body());
            assertEquals(0.0421, state.at("/usage/cost_usd").asDouble(), 1e-9);
            assertEquals("$0.0421", state.at("/tasks/0/cost").asText());
            assertEquals("—", state.at("/tasks/2/cost").asText());
            assertFalse(state.path("spent_up").asBoolean());

            run.usage("c", 0.01, 10, 10); // the run's $0.05 is spent now
            String spent = authed("/run/run-c").body();
            assertTrue(spent.contains("class=\"spent-up\"") && spent.contains("— spent up ($0.0521 spent of the $0.05 budget):"
                    + " no new attempt starts"), spent);
            assertTrue(Json.parse(authed("/run/run-c/state.json").body()).path("spent_up").asBoolean());
            String runs = authed("/").body();
            assertTrue(runs.contains(">$0.0521<") && runs.contains(">522 tokens<"), runs);
        }
    }

    private static String row(String page, String task) {
        int at = page.indexOf("<tr id=\"row-" + task + "\">");
        assertTrue(at >= 0, page);
        return page.substring(at, page.indexOf("</tr>", at));
    }

    @Test
    void aBudgetExceededEscalationSaysWhyAndARetryCanRaiseTheBudget() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-x", RunScript.tree(), temp.resolve("runs"),
                new Budget(0.05, null)).approve()) {
            run.start("a").usage("a", 0.06, 10, 10);
            String why = "the run's budget is spent: $0.06 spent of the $0.05 budget";
            run.log.append(new RunEvent.TaskFailed("a", "w-a", FailureClass.BUDGET_EXCEEDED, why, true));
            run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_DECISION, "budget_exceeded: " + why, "a"));
            run.close();
            String inbox = authed("/inbox").body();
            assertTrue(inbox.contains("budget_exceeded: " + why.replace("'", "&#39;")), inbox);
            assertTrue(inbox.contains("To raise the run's budget, give a new one with Retry")
                    && inbox.contains("orchestrator resume run-x --budget-usd N --decision retry"), inbox);
            assertTrue(inbox.contains("name=\"budget_usd\" size=\"7\" value=\"0.05\""), inbox);
            String csrf = csrfOf(inbox);
            for (String bad : List.of("0", "-1", "lots", "1;rm", "1e9")) {
                HttpResponse<String> refused = post("/run/run-x/decide", "action=retry&task=a&budget_usd="
                        + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8) + "&csrf=" + csrf,
                        "X-Harness-Token", dashboard.token(), "Origin", base);
                assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
            }
            assertEquals(409, post("/run/run-x/decide", "action=skip&task=a&budget_usd=1&csrf=" + csrf,
                    "X-Harness-Token", dashboard.token(), "Origin", base).statusCode(), "a budget goes with retry only");
            assertFalse(Files.exists(launches));
            HttpResponse<String> ok = post("/run/run-x/decide", "action=retry&task=a&budget_usd=0.50&csrf=" + csrf,
                    "X-Harness-Token", dashboard.token(), "Origin", base, "Accept", "application/json");
            assertEquals(200, ok.statusCode(), ok.body());
            awaitLaunch();
            String argv = String.join(" ", Files.readAllLines(launches));
            assertTrue(argv.contains("--decision retry --budget-usd 0.5 --approval-source web"), argv);
        }
    }

    @Test
    void aTasksOwnSpentBudgetIsNotOfferedARaiseOfTheRunsBudget() throws Exception {
        ArrayNode packets = RunScript.tree();
        ((com.fasterxml.jackson.databind.node.ObjectNode) packets.get(0)).put("budget_tokens", 100);
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-o", packets, temp.resolve("runs"),
                new Budget(5.0, null)).approve()) {
            run.start("a").usage("a", 0.01, 100, 100);
            run.log.append(new RunEvent.TaskFailed("a", "w-a", FailureClass.BUDGET_EXCEEDED,
                    "task a's budget is spent: 200 tokens used of the 100-token budget", true));
            run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_DECISION, "budget_exceeded", "a"));
            run.close();
            String page = authed("/run/run-o").body();
            assertTrue(page.contains("The task's own budget") && !page.contains("name=\"budget_usd\""), page);
            assertTrue(row(page, "a").contains("100 tokens — spent up"), row(page, "a"));
        }
    }

    @Test
    void aRunStoppedAtItsDecisionPromptIsResumedFromThePageWithANewBudget() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-p", RunScript.tree(), temp.resolve("runs"),
                new Budget(0.05, null)).approve()) {
            run.start("a").usage("a", 0.06, 10, 10).complete("a");
            // Ctrl-C at the terminal's budget question: the run waits, but no escalation was logged
            run.log.append(new RunEvent.RunPaused(PauseStatus.AWAITING_DECISION,
                    "budget_exceeded: the run's budget is spent (SIGINT at the prompt)", "b"));
            run.close();
            String page = authed("/run/run-p").body();
            assertTrue(page.contains("The orchestrator was stopped while it asked") && page.contains("value=\"resume\"")
                    && page.contains("name=\"budget_usd\""), page);
            assertTrue(page.contains("plan approved by tester, source human_tty"), "the decisions so far: " + page);
            HttpResponse<String> ok = post("/run/run-p/decide", "action=resume&budget_usd=1&csrf=" + csrfOf(page),
                    "X-Harness-Token", dashboard.token(), "Origin", base, "Accept", "application/json");
            assertEquals(200, ok.statusCode(), ok.body());
            awaitLaunch();
            assertEquals(List.of("resume", "run-p", "--state-dir", temp.resolve("runs").toString(), "-C", temp.resolve("runs").toString(),
                    "--budget-usd", "1.0", "--approval-source", "web"), Files.readAllLines(launches));
        }
    }

    @Test
    void aRunStoppedByItsBootstrapSaysWhyOnItsPage() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-f", RunScript.tree()).approve()) {
            run.log.append(new RunEvent.BootstrapPhaseCompleted(dev.harness.api.bootstrap.Phase.DAEMON_WORKER_FASTPATH, false, false,
                    List.of("agent command claude is not on PATH; the worker cannot start"), null));
            run.log.append(new RunEvent.ExecutionComplete(0, 0, 0, dev.harness.api.run.RunOutcome.FAILED));
            String page = authed("/run/run-f").body();
            assertTrue(page.contains("Bootstrap failed in daemon_worker_fastpath: agent command claude is not on PATH;"
                    + " the worker cannot start. No task ran."), page);
        }
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t", "-c",
                "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        argv.addAll(List.of(args));
        Process git = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), out);
        return out.strip();
    }

    @Test
    void aTasksDiffAndTheIntegratedDiffAreShownEscapedRedactedAndCapped() throws Exception {
        Path repo = temp.resolve("repo");
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("theme.css"), "body { color: black; }\n");
        Files.writeString(repo.resolve(".gitattributes"), "*.css diff=evil\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        String base = git(repo, "rev-parse", "HEAD");
        Files.writeString(repo.resolve("theme.css"), "body { color: white; }\n/* <script>alert(1)</script> hunter2-secret-value */\n");
        Files.writeString(repo.resolve("big.txt"), "x".repeat(100) + "\n" + ("line of a large generated file\n").repeat(3000));
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "task a");
        String commit = git(repo, "rev-parse", "HEAD");
        // a page view must never run the repository's own diff drivers
        Path marker = temp.resolve("driver-ran");
        git(repo, "config", "diff.evil.textconv", "sh -c 'touch " + marker + "; cat \"$0\"'");
        git(repo, "config", "diff.evil.command", "sh -c 'touch " + marker + "'");
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-x", RunScript.tree(), repo).approve().start("a")) {
            run.log.append(new RunEvent.TaskCompleted("a", "w-a", 100L, "harness/run-x/a", commit));
            run.log.append(new RunEvent.IntegrationCompleted("harness/run-x", commit, base, commit, List.of("a"), 1, null));
            String runPage = authed("/run/run-x").body();
            assertTrue(runPage.contains("href=\"/run/run-x/diff\"") && runPage.contains("href=\"/run/run-x/diff/a\""), runPage);
            for (String path : List.of("/run/run-x/diff/a", "/run/run-x/diff")) {
                HttpResponse<String> diff = authed(path);
                assertEquals(200, diff.statusCode(), diff.body());
                String page = diff.body();
                assertTrue(page.contains("<span class=\"del\">-body { color: black; }</span>"), page);
                assertTrue(page.contains("<span class=\"add\">+body { color: white; }</span>"), page);
                assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"), page);
                assertFalse(page.contains("hunter2-secret-value"), "a secret in a diff is masked");
                assertTrue(page.contains("2 files") && page.contains("1 not shown here (too large for the page)"), page);
                assertTrue(page.contains("<code>big.txt</code> <span class=\"add\">+3001</span>")
                        && page.contains("Not shown: too large for the page.") && !page.contains("line of a large generated file"), page);
                assertTrue(page.contains("orchestrator diff run-x"), page);
                // a task's range is its commit's parent to the commit: both named by their own ids
                assertTrue(page.contains("<code>" + base.substring(0, 12) + "</code> → <code>" + commit.substring(0, 12) + "</code>"), page);
            }
            assertFalse(Files.exists(marker), "the repository's diff driver never ran");
            assertEquals(404, authed("/run/run-x/diff/b").statusCode(), "b made no commit");
            assertEquals(404, authed("/run/nope/diff").statusCode());
            assertEquals(404, authed("/run/run-x/diff/../../etc").statusCode());
        }
    }
}
