package dev.harness.orchestrator.attention;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.harness.api.run.Gate;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunOutcome;
import dev.harness.api.run.RunStatus;
import dev.harness.api.run.TaskStatus;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.UsageTotal;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.orchestrator.evidence.FailingCheck;
import dev.harness.orchestrator.integration.IntegrationJournal;
import dev.harness.orchestrator.render.SafeText;
import dev.harness.orchestrator.runlog.Escalation;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunLogException;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.orchestrator.runlog.RunSummary;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.secrets.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code orchestrator serve}: the local dashboard. The JDK's own HTTP server (no dependency; plain
 * pages and server-sent events need nothing more): every run with status and counts, a run's plan
 * as an SVG graph with live task states, its live event stream, each task's attempts, failing-check
 * evidence and output tails, and an inbox of everything waiting for a person — where a decision is
 * recorded as at the terminal with source {@code web}: a paused run is resumed by spawning
 * {@code orchestrator resume RUN --yes|--trust|--decision D --approval-source web} (an argv).
 *
 * <p>Security: nothing without the access token (given once as {@code ?token=}, then a strict
 * same-site HttpOnly cookie, or the {@code X-Harness-Token} header); the Host must be the address
 * served (no DNS rebinding); a state-changing request also needs a per-page CSRF token and an
 * Origin (or Referer) of this server; every value shown goes through the secrets {@link Redactor};
 * pages load nothing from elsewhere (Content-Security-Policy 'self').
 */
public final class Dashboard implements AutoCloseable {
    private static final Pattern RUN_PATH = Pattern.compile("/run/([A-Za-z0-9][A-Za-z0-9._-]{0,127})(/[a-z.]*)?");
    private static final Pattern DIFF_PATH = Pattern.compile(
            "/run/([A-Za-z0-9][A-Za-z0-9._-]{0,127})/diff(?:/([A-Za-z0-9][A-Za-z0-9._-]{0,127}))?");
    /** A diff page shows at most this much patch text (a file's patch at most 64 KiB); the rest is listed. */
    private static final RunDiff DIFFS = new RunDiff(256 * 1024, 64 * 1024);
    private static final String COOKIE = "harness_token";
    private static final int MAX_CSRF = 2048;

    private final HttpServer server;
    private final RunCatalog catalog;
    private final Redactor redactor;
    private final String token;
    private final List<String> resumeCommand;
    private final String approver;
    private final Set<String> csrf = Collections.synchronizedSet(new LinkedHashSet<>());
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService background;
    private final Set<String> hosts = new LinkedHashSet<>();
    private volatile long ssePollMs = 100;

    /**
     * @param resumeCommand the argv that starts this installation's orchestrator (e.g. bin/orchestrator);
     *                      {@code resume RUN ...} is appended
     */
    public Dashboard(String address, int port, RunCatalog catalog, Redactor redactor, List<String> resumeCommand,
                     String approver) throws IOException {
        this.catalog = catalog;
        this.redactor = redactor;
        this.resumeCommand = List.copyOf(resumeCommand);
        this.approver = approver;
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        this.server = HttpServer.create(new InetSocketAddress(address, port), 64);
        this.background = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "dashboard");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(background);
        server.createContext("/", new ContainedHandler(this::handle, redactor)); // a failing request never takes the server
        int bound = server.getAddress().getPort();
        hosts.add(address + ":" + bound);
        if (address.equals("127.0.0.1") || address.equals("::1") || address.equals("localhost")) {
            hosts.add("127.0.0.1:" + bound);
            hosts.add("localhost:" + bound);
            hosts.add("[::1]:" + bound);
        }
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    public String url(String host) {
        return "http://" + host + ":" + port() + "/?token=" + token;
    }

    void ssePollMs(long ms) {
        ssePollMs = ms;
    }

    @Override
    public void close() {
        server.stop(0);
        background.shutdownNow();
    }

    // ---- dispatch and security ----

    /** One request; {@link ContainedHandler} closes the exchange and answers what this throws. */
    private void handle(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self';"
                        + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Referrer-Policy", "same-origin");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            send(ex, 421, "text/plain", "This dashboard answers only at " + hosts.iterator().next() + ".\n");
            return;
        }
        URI uri = ex.getRequestURI();
        String path = uri.getPath();
        Map<String, String> query = form(uri.getRawQuery());
        if (query.containsKey("token")) {
            if (!same(query.get("token"), token)) {
                send(ex, 403, "text/plain", "Wrong access token.\n");
                return;
            }
            // once: the token moves into a cookie and out of the address bar (and history)
            ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            ex.getResponseHeaders().set("Location", path);
            send(ex, 303, "text/plain", "");
            return;
        }
        if (!authorised(ex)) {
            send(ex, 401, "text/plain", "The dashboard needs its access token: open the address"
                    + " `" + dev.harness.orchestrator.render.CommandName.current() + " serve` printed (with ?token=...).\n");
            return;
        }
        String method = ex.getRequestMethod();
        if (method.equals("POST")) {
            post(ex, path);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(ex, 405, "text/plain", "Method not allowed.\n");
            return;
        }
        get(ex, path);
    }

    private boolean authorised(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("X-Harness-Token");
        if (header != null) {
            return same(header, token);
        }
        for (String cookies : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : cookies.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(COOKIE + "=") && same(c.substring(COOKIE.length() + 1), token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private String newCsrf() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        synchronized (csrf) {
            csrf.add(value);
            while (csrf.size() > MAX_CSRF) {
                csrf.remove(csrf.iterator().next());
            }
        }
        return value;
    }

    /** Same origin: the browser says where the request comes from, and it must be this server. */
    private boolean sameOrigin(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String from = origin != null ? origin : ex.getRequestHeaders().getFirst("Referer");
        if (from == null) {
            return false;
        }
        for (String host : hosts) {
            String self = "http://" + host;
            if (from.equals(self) || from.startsWith(self + "/")) {
                return true;
            }
        }
        return false;
    }

    // ---- GET ----

    private void get(HttpExchange ex, String path) throws IOException {
        switch (path) {
            case "/" -> send(ex, 200, "text/html; charset=utf-8", runsPage());
            case "/inbox" -> send(ex, 200, "text/html; charset=utf-8", inboxPage());
            case "/api/runs" -> send(ex, 200, "application/json", Json.write(runsJson()));
            case "/static/app.css" -> resource(ex, "app.css", "text/css; charset=utf-8");
            case "/static/app.js" -> resource(ex, "app.js", "text/javascript; charset=utf-8");
            default -> {
                Matcher diff = DIFF_PATH.matcher(path);
                if (diff.matches()) {
                    Optional<RunDirectory> dir = catalog.find(diff.group(1));
                    if (dir.isEmpty()) {
                        send(ex, 404, "text/plain", "No run " + diff.group(1) + ".\n");
                        return;
                    }
                    diffPage(ex, dir.get(), diff.group(2));
                    return;
                }
                Matcher m = RUN_PATH.matcher(path);
                if (!m.matches()) {
                    send(ex, 404, "text/plain", "Not found.\n");
                    return;
                }
                Optional<RunDirectory> dir = catalog.find(m.group(1));
                if (dir.isEmpty()) {
                    send(ex, 404, "text/plain", "No run " + m.group(1) + ".\n");
                    return;
                }
                String rest = m.group(2) == null ? "" : m.group(2);
                switch (rest) {
                    case "", "/" -> send(ex, 200, "text/html; charset=utf-8", runPage(dir.get()));
                    case "/state.json" -> send(ex, 200, "application/json", Json.write(stateJson(dir.get())));
                    case "/graph.svg" -> send(ex, 200, "image/svg+xml", PlanGraph.svg(read(dir.get()).view().tasks(), redactor::redact));
                    case "/events" -> events(ex, dir.get());
                    default -> send(ex, 404, "text/plain", "Not found.\n");
                }
            }
        }
    }

    private void resource(HttpExchange ex, String name, String type) throws IOException {
        try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                send(ex, 404, "text/plain", "Not found.\n");
                return;
            }
            ex.getResponseHeaders().set("Cache-Control", "max-age=300");
            send(ex, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** One read of a run: its events, state, live status and view. */
    record Snapshot(RunDirectory dir, List<LoggedEvent> events, RunState state, RunStatus status, RunView view) {}

    static Snapshot read(RunDirectory dir) {
        RunFollower follower = new RunFollower(dir);
        follower.refresh();
        RunView view = follower.view(java.time.Instant.now());
        return new Snapshot(dir, follower.events(), follower.state(), view.status(), view);
    }

    private List<DashboardApi.RunLine> runsJson() {
        List<DashboardApi.RunLine> runs = new ArrayList<>();
        for (RunSummary run : catalog.summaries()) {
            // a question at a terminal logs nothing until answered: the inbox page watches for it here
            runs.add(DashboardApi.RunLine.of(run, redactor.redact(run.objective()),
                    run.problemText().isEmpty() && catalog.find(run.runId()).flatMap(DecisionInbox::waiting).isPresent()));
        }
        return runs;
    }

    private JsonNode stateJson(RunDirectory dir) {
        return redactor.redactJson(Json.toNode(stateOf(dir)));
    }

    /** A run's state.json before redaction. */
    static DashboardApi.StateDocument stateOf(RunDirectory dir) {
        DashboardApi.AskedAtTerminal asked = DecisionInbox.waiting(dir)
                .map(p -> new DashboardApi.AskedAtTerminal(p.gate(), p.taskId(), p.question())).orElse(null);
        return DashboardApi.StateDocument.of(read(dir), asked);
    }

    static Map<String, JsonNode> packetsById(RunState state) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        if (state.packets() != null) {
            state.packets().forEach(p -> byId.put(p.path("id").asText(), p));
        }
        return byId;
    }

    /**
     * The files a task's packet says it is expected to change, as a small line under its title
     * (a person approving or following the run sees what the agent is meant to touch); "" when
     * the packet lists none.
     */
    String filesNote(RunState state, String taskId) {
        List<String> files = state.task(taskId).map(dev.harness.orchestrator.runlog.TaskState::files).orElse(List.of());
        if (files.isEmpty()) {
            return "";
        }
        return " <span class=\"files\">files: " + e(SafeText.brief(String.join(", ", files), 200)) + "</span>";
    }

    static UsageTotal taskUsage(RunState state, String taskId) {
        return state.task(taskId).map(dev.harness.orchestrator.runlog.TaskState::usage).orElse(UsageTotal.NONE);
    }

    // ---- pages ----

    private String page(String title, String body) {
        String csrfToken = newCsrf();
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + " · harness</title><meta name=\"csrf\" content=\"" + csrfToken + "\">"
                + "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script></head><body>"
                + "<header><a href=\"/\">Runs</a> <a href=\"/inbox\" id=\"inbox-link\">Inbox</a></header><main>"
                + body.replace("__CSRF__", csrfToken) + "</main></body></html>";
    }

    private String e(String text) {
        return Html.escape(redactor.redact(text == null ? "" : text));
    }

    private String runsPage() {
        StringBuilder body = new StringBuilder("<h1>Runs</h1>");
        List<RunSummary> runs = catalog.summaries();
        long waiting = runs.stream().filter(r -> r.problemText().isEmpty() && (r.status().isWaiting()
                || catalog.find(r.runId()).flatMap(DecisionInbox::waiting).isPresent())).count();
        body.append("<p><a href=\"/inbox\">Inbox: ").append(waiting).append(" waiting for you</a></p>");
        body.append("<table class=\"runs\"><thead><tr><th>Run</th><th>Status</th><th>Tasks</th><th>Failed</th><th>Skipped</th>"
                + "<th>Cost</th><th>Tokens</th><th>Started</th><th>Objective</th></tr></thead><tbody>");
        for (RunSummary run : runs) {
            String status = run.problemText().isPresent() ? "unreadable" : run.status().wire();
            body.append("<tr class=\"st-").append(status).append("\"><td><a href=\"/run/").append(e(run.runId())).append("\">")
                    .append(e(run.runId())).append("</a></td><td class=\"status\">").append(status).append("</td><td>")
                    .append(run.completed()).append('/').append(run.total()).append("</td><td>").append(run.failed())
                    .append("</td><td>").append(run.skipped()).append("</td><td class=\"cost\" title=\"")
                    .append(e(run.usage().describe())).append("\">").append(SpendLines.cost(run.usage())).append("</td><td class=\"tokens\">")
                    .append(SpendLines.tokens(run.usage())).append("</td><td>")
                    .append(run.started() == null ? "" : e(run.started().toString())).append("</td><td>")
                    .append(e(SafeText.brief(run.objective(), 100))).append("</td></tr>");
        }
        body.append("</tbody></table>");
        if (runs.isEmpty()) {
            body.append("<p class=\"empty\">No runs yet. Start one in this workspace, e.g. <code>orchestrator \"add dark mode\"</code>;"
                    + " it appears here and in the Inbox when it waits for you.</p>");
        }
        return page("Runs", body.toString());
    }

    private String inboxPage() {
        StringBuilder body = new StringBuilder("<h1>Inbox</h1>");
        int items = 0;
        for (RunDirectory dir : catalog.all()) {
            RunSummary summary = catalog.summary(dir);
            boolean asking = DecisionInbox.waiting(dir).isPresent();
            if (summary.problemText().isPresent() || !summary.status().isWaiting() && !asking) {
                continue;
            }
            Snapshot s;
            try {
                s = read(dir);
            } catch (RunLogException e) {
                continue;
            }
            if (s.status().isWaiting() || asking) {
                items++;
                body.append(inboxItem(s, true));
            }
        }
        if (items == 0) {
            body.append("<p class=\"empty\">Nothing waits for you.</p>");
        }
        return page("Inbox", body.toString());
    }

    /** What a waiting run asks, with the forms that answer it. */
    private String inboxItem(Snapshot s, boolean named) {
        String id = e(s.dir().runId());
        StringBuilder item = new StringBuilder("<section class=\"inbox-item\" data-run=\"").append(id).append("\">");
        if (named) {
            item.append("<h2><a href=\"/run/").append(id).append("\">Run ").append(id).append("</a>: ")
                    .append(e(SafeText.brief(s.state().objective(), 100))).append("</h2>");
        }
        if (EventLog.writerActive(s.dir())) {
            Optional<DecisionInbox.Prompt> asked = DecisionInbox.waiting(s.dir());
            if (asked.isEmpty()) {
                // an orchestrator runs it and asks nothing now (or is winding down): nothing to answer here
                return item.append("<p class=\"busy\">An orchestrator holds this run now and asks nothing;"
                        + " reload in a moment.</p></section>").toString();
            }
            // asked at a terminal now: answered here or there, whichever comes first
            DecisionInbox.Prompt prompt = asked.get();
            item.append("<p class=\"waiting asked-at-terminal\">Asked at a terminal now: ").append(e(prompt.question()))
                    .append("</p><p class=\"hint\">Answer here or there; the first answer counts.</p>");
            if (prompt.gate().equals("plan")) {
                item.append(planList(s));
                SpendLines.budgetLine(s.state().budget(), s.state().usage())
                        .ifPresent(line -> item.append("<p class=\"budget\">").append(e(line)).append("</p>"));
            }
            if (prompt.question().contains(FailureClass.BUDGET_EXCEEDED.wire())) {
                item.append("<p class=\"hint raise\">Retry runs the task once more anyway. To raise the budget instead, stop that"
                        + " orchestrator (Ctrl-C: the run waits) and give a new budget here, or resume it with <code>--budget-usd N</code>.</p>");
            }
            for (String action : prompt.actions()) {
                item.append(form(id, action, label(action), prompt.taskId(), prompt.promptId()));
            }
            return item.append("</section>").toString();
        }
        item.append("<p class=\"waiting\">Waiting for ").append(e(s.view().waitingFor())).append("</p>");
        switch (s.status()) {
            case AWAITING_APPROVAL -> {
                if (!s.state().approvalHolds()) {
                    item.append("<p>Plan digest <code>").append(e(abbreviate(s.state().planDigest()))).append("</code>, ")
                            .append(s.state().taskCount()).append(s.state().taskCount() == 1 ? " task:</p>" : " tasks:</p>").append(planList(s));
                    SpendLines.budgetLine(s.state().budget(), s.state().usage())
                            .ifPresent(line -> item.append("<p class=\"budget\">").append(e(line)).append("</p>"));
                    item.append(form(id, "approve", label("approve"), null, null)).append(form(id, "reject", label("reject"), null, null));
                } else {
                    item.append(form(id, "trust", label("trust"), null, null)).append(form(id, "refuse", label("refuse"), null, null));
                }
            }
            case AWAITING_TRUST -> item.append(form(id, "trust", label("trust"), null, null))
                    .append(form(id, "refuse", label("refuse"), null, null));
            case AWAITING_DECISION -> {
                if (s.state().pendingEscalations().isEmpty()) {
                    item.append(resumeForm(s, id));
                }
                for (Escalation esc : s.state().pendingEscalations()) {
                    boolean spentUp = esc.failureClass() == FailureClass.BUDGET_EXCEEDED;
                    item.append("<div class=\"escalation").append(spentUp ? " budget-exceeded" : "").append("\"><p>Task <b>")
                            .append(e(esc.taskId())).append("</b>: ")
                            .append(e(esc.failureClass() == null ? "" : esc.failureClass().wire() + ": "))
                            .append(e(esc.reason())).append("</p>");
                    // the run's budget can be raised on resume; a task's own (its packet's) is part of the approved plan
                    boolean runSpent = spentUp && s.state().budget().exhaustedBy(s.state().usage()).isPresent();
                    if (runSpent) {
                        item.append("<p class=\"hint raise\">Retry runs the task once more anyway. To raise the run's budget,"
                                + " give a new one with Retry (or at a terminal: <code>").append(e(dev.harness.orchestrator.render.CommandName.current())).append(" resume ").append(id)
                                .append(" --budget-usd N --decision retry</code>). Spent so far: ")
                                .append(e(s.state().usage().describe())).append(".</p>");
                    } else if (spentUp) {
                        item.append("<p class=\"hint raise\">The task's own budget (<code>budget_usd</code> / <code>budget_tokens</code>"
                                + " in its packet, part of the approved plan) is spent: Retry runs it once more anyway; skip or"
                                + " abort as usual.</p>");
                    }
                    for (String decision : FailingCheck.allowedDecisions(s.events(), esc.taskId())) {
                        item.append(form(id, decision, label(decision), esc.taskId(), null,
                                runSpent && decision.equals("retry") ? budgetFields(s.state().budget()) : ""));
                    }
                    item.append("</div>");
                }
            }
            default -> { }
        }
        return item.append("</section>").toString();
    }

    /** The plan's tasks in order, as a person approving it reads them: id, title, what each waits for. */
    private String planList(Snapshot s) {
        StringBuilder list = new StringBuilder("<ol class=\"plan-tasks\">");
        for (RunView.TaskView task : s.view().tasks()) {
            list.append("<li><b>").append(e(task.id())).append("</b> ").append(e(SafeText.oneLine(task.title())))
                    .append(filesNote(s.state(), task.id()));
            if (!task.dependsOn().isEmpty()) {
                list.append(" <span class=\"after\">(after ").append(e(String.join(", ", task.dependsOn()))).append(")</span>");
            }
            list.append("</li>");
        }
        return list.append("</ol>").toString();
    }

    /** Resume a run stopped at its prompt or interrupted; with a new budget when its budget is spent. */
    private String resumeForm(Snapshot s, String id) {
        boolean spent = s.state().budget().exhaustedBy(s.state().usage()).isPresent();
        return "<p class=\"hint\">" + (s.status() == RunStatus.INTERRUPTED ? "No orchestrator is running this run."
                : "The orchestrator was stopped while it asked (" + e(s.state().pauseReason().orElse("a decision")) + ").")
                + " Resume runs it again from its log" + (s.status() == RunStatus.INTERRUPTED ? "" : " and asks here")
                + (spent ? "; its budget is spent, so give a new one to let the task run" : "") + ".</p>"
                + form(id, "resume", label("resume"), null, null, spent ? budgetFields(s.state().budget()) : "");
    }

    private static String label(String action) {
        return switch (action) {
            case "approve" -> "Approve plan";
            case "reject" -> "Reject plan";
            case "trust" -> "Trust the workspace";
            case "refuse" -> "Refuse trust";
            case "resume" -> "Resume the run";
            default -> action.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + action.substring(1);
        };
    }

    private static String form(String runId, String action, String label, String taskId, String promptId) {
        return form(runId, action, label, taskId, promptId, "");
    }

    private static String form(String runId, String action, String label, String taskId, String promptId, String fields) {
        return "<form method=\"post\" action=\"/run/" + runId + "/decide\" class=\"decide\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"__CSRF__\">"
                + "<input type=\"hidden\" name=\"action\" value=\"" + action + "\">"
                + (taskId == null ? "" : "<input type=\"hidden\" name=\"task\" value=\"" + Html.escape(taskId) + "\">")
                + (promptId == null ? "" : "<input type=\"hidden\" name=\"prompt\" value=\"" + Html.escape(promptId) + "\">")
                + fields
                + "<input type=\"text\" name=\"comment\" placeholder=\"comment (optional)\" aria-label=\"Comment on "
                + Html.escape(label.toLowerCase(java.util.Locale.ROOT)) + " (optional)\">"
                + "<button type=\"submit\" name=\"go\" value=\"" + action + "\" class=\"act-" + action + "\">" + label + "</button></form>";
    }

    /** A retry's new run budget: the parts the run has (dollars when it has none at all), prefilled with today's. */
    private static String budgetFields(Budget now) {
        StringBuilder fields = new StringBuilder();
        if (now.usd() != null || now.tokens() == null) {
            fields.append("<label>new budget $<input type=\"text\" inputmode=\"decimal\" name=\"budget_usd\" size=\"7\" value=\"")
                    .append(now.usd() == null ? "" : UsageTotal.dollars(now.usd()).substring(1)).append("\"></label> ");
        }
        if (now.tokens() != null) {
            fields.append("<label>new budget in tokens <input type=\"text\" inputmode=\"numeric\" name=\"budget_tokens\" size=\"9\" value=\"")
                    .append(now.tokens()).append("\"></label> ");
        }
        return fields.toString();
    }


    private String runPage(RunDirectory dir) {
        Snapshot s = read(dir);
        String id = e(dir.runId());
        StringBuilder body = new StringBuilder();
        body.append("<h1 data-run=\"").append(id).append("\" id=\"run\">Run ").append(id).append(" <span id=\"run-status\" class=\"status\">")
                .append(s.status().wire()).append("</span></h1>");
        body.append("<p>").append(e(s.state().objective())).append("</p>");
        body.append("<p>Workspace <code>").append(e(s.state().workspace())).append("</code> · log <code>")
                .append(e(dir.eventsFile().toString())).append("</code></p>");
        IntegrationJournal journal = IntegrationJournal.of(s.events());
        if (RunDiff.runRange(journal).isPresent()) {
            body.append("<p><a id=\"run-diff\" href=\"/run/").append(id).append("/diff\">Diff of the integrated result</a></p>");
        }
        body.append("<section class=\"spend\" aria-label=\"cost and budget\"><p id=\"run-usage\">")
                .append(e(SpendLines.usageLine(s.state().usage()))).append("</p>");
        Optional<String> budget = SpendLines.budgetLine(s.state().budget(), s.state().usage());
        body.append("<p id=\"run-budget\"").append(s.state().budget().exhaustedBy(s.state().usage()).isPresent()
                ? " class=\"spent-up\"" : "").append(budget.isEmpty() ? " hidden" : "").append('>')
                .append(e(budget.orElse(""))).append("</p></section>");
        bootstrapFailure(s.events()).ifPresent(why -> body.append("<p class=\"problem\" id=\"bootstrap-failed\">").append(e(why))
                .append("</p>"));
        body.append("<div id=\"inbox-here\">");
        if (s.status().isWaiting() || DecisionInbox.waiting(dir).isPresent()) {
            body.append(inboxItem(s, false));
        } else if (s.status() == RunStatus.INTERRUPTED) {
            body.append("<section class=\"inbox-item\">").append(resumeForm(s, id)).append("</section>");
        }
        body.append("</div>");
        body.append("<h2>Plan</h2><div class=\"graph\">").append(PlanGraph.svg(s.view().tasks(), redactor::redact)).append("</div>");
        body.append("<h2>Tasks</h2><table class=\"tasks\"><thead><tr><th>Task</th><th>Status</th><th>Attempt</th><th>Cost</th>"
                + "<th>Tokens</th><th>Own budget</th><th>Title</th><th>Last output</th></tr></thead><tbody>");
        Map<String, JsonNode> packets = packetsById(s.state());
        for (RunView.TaskView task : s.view().tasks()) {
            UsageTotal used = taskUsage(s.state(), task.id());
            body.append("<tr id=\"row-").append(e(task.id())).append("\"><td><a href=\"#detail-").append(e(task.id())).append("\">")
                    .append(e(task.id())).append("</a></td><td class=\"status\">").append(task.status().wire()).append("</td><td class=\"attempt\">")
                    .append(task.attempt()).append("</td><td class=\"cost\" title=\"").append(e(used.describe())).append("\">")
                    .append(SpendLines.cost(used)).append("</td><td class=\"tokens\">").append(SpendLines.tokens(used)).append("</td><td class=\"budget\">")
                    .append(e(SpendLines.taskBudget(packets.get(task.id()), used))).append("</td><td>")
                    .append(e(SafeText.oneLine(task.title()))).append(filesNote(s.state(), task.id())).append("</td><td class=\"last\">")
                    .append(e(task.lastLine() == null ? "" : SafeText.brief(task.lastLine(), 120))).append("</td></tr>");
        }
        body.append("</tbody></table>");
        if (s.view().tasks().isEmpty()) {
            body.append("<p class=\"empty\">No plan yet: the planning service has not made one for this run.</p>");
        }
        body.append(taskDetails(s, journal));
        body.append(decisions(s));
        body.append("<h2>Events <small>(live)</small></h2><pre id=\"events\" class=\"events\" tabindex=\"0\""
                + " aria-label=\"the run's events, live\"></pre>");
        return page("Run " + dir.runId(), body.toString());
    }

    // ---- diffs ----

    private void diffPage(HttpExchange ex, RunDirectory dir, String taskId) throws IOException {
        Snapshot s = read(dir);
        IntegrationJournal journal = IntegrationJournal.of(s.events());
        Optional<String[]> range = taskId == null ? RunDiff.runRange(journal) : RunDiff.taskRange(journal, taskId);
        String id = e(dir.runId());
        String title = taskId == null ? "Integrated result of run " + dir.runId() : "Change of task " + taskId;
        StringBuilder body = new StringBuilder("<h1>").append(e(title)).append("</h1><p><a href=\"/run/").append(id)
                .append("\">Run ").append(id).append("</a> · full diff at a terminal: <code>orchestrator diff ").append(id)
                .append(taskId == null ? "" : " " + e(taskId)).append("</code></p>");
        if (range.isEmpty()) {
            body.append("<p class=\"empty\">").append(taskId == null
                    ? "The run has no integrated result (it has no integration branch yet, or committed nothing)."
                    : "Task " + e(taskId) + " made no verified commit (it only verified, failed, or is not in the plan).")
                    .append("</p>");
            send(ex, 404, "text/html; charset=utf-8", page(title, body.toString()));
            return;
        }
        String workspace = s.state().workspace();
        RunDiff.Shown shown = DIFFS.show(workspace == null ? null : Path.of(workspace), range.get()[0], range.get()[1]);
        if (shown.problem() != null) {
            body.append("<p class=\"problem\">").append(e(shown.problem())).append("</p>");
            send(ex, 200, "text/html; charset=utf-8", page(title, body.toString()));
            return;
        }
        long added = shown.files().stream().mapToLong(f -> Math.max(0, f.added())).sum();
        long removed = shown.files().stream().mapToLong(f -> Math.max(0, f.removed())).sum();
        body.append("<p class=\"diffstat\"><code>").append(e(abbreviate(shown.from()))).append("</code> → <code>")
                .append(e(abbreviate(shown.to()))).append("</code>: ").append(shown.files().size()).append(" files, <span class=\"add\">+")
                .append(added).append("</span> <span class=\"del\">−").append(removed).append("</span>");
        if (shown.omitted() > 0) {
            body.append(" · ").append(shown.omitted()).append(" not shown here (too large for the page)");
        }
        body.append("</p>");
        for (RunDiff.FileDiff file : shown.files()) {
            body.append("<details class=\"file\"").append(file.patch() != null ? " open" : "").append("><summary><code>")
                    .append(e(file.path())).append("</code> ").append(file.added() < 0 ? "binary"
                            : "<span class=\"add\">+" + file.added() + "</span> <span class=\"del\">−" + file.removed() + "</span>")
                    .append("</summary>");
            if (file.patch() == null) {
                body.append("<p class=\"omitted\">Not shown: too large for the page.</p>");
            } else {
                body.append("<pre class=\"diff\">");
                for (String line : redactor.redact(file.patch()).split("\n", -1)) {
                    String css = line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")
                            || line.startsWith("index ") ? "meta" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del"
                            : line.startsWith("@@") ? "hunk" : null;
                    body.append(css == null ? "" : "<span class=\"" + css + "\">").append(Html.escape(line))
                            .append(css == null ? "" : "</span>").append('\n');
                }
                body.append("</pre>");
            }
            body.append("</details>");
        }
        send(ex, 200, "text/html; charset=utf-8", page(title, body.toString()));
    }

    /** "Bootstrap failed in daemon_worker_fastpath: …; no task ran." for a run stopped by its bootstrap. */
    static Optional<String> bootstrapFailure(List<LoggedEvent> events) {
        String failed = null;
        for (LoggedEvent logged : events) {
            if (logged.event() instanceof RunEvent.BootstrapPhaseCompleted phase) {
                failed = phase.success() ? null : (phase.phase() == null ? "a phase" : phase.phase().wire())
                        + (phase.diagnostics() == null || phase.diagnostics().isEmpty() ? "" : ": " + String.join("; ", phase.diagnostics()));
            }
        }
        return Optional.ofNullable(failed).map(why -> "Bootstrap failed in " + why + ". No task ran.");
    }

    /** Every gate decision and escalation decision of the run, as the log records them: who, where, when, why. */
    private String decisions(Snapshot s) {
        StringBuilder out = new StringBuilder("<h2>Decisions</h2>");
        List<String> lines = new ArrayList<>();
        for (dev.harness.orchestrator.runlog.Approval a : s.state().approvals()) {
            lines.add(a.gate().wire() + " " + a.decision() + (a.taskId() == null ? "" : " (task " + a.taskId() + ")") + " by "
                    + a.approver() + ", source " + (a.source() == null ? "?" : a.source().wire()) + ", " + a.time()
                    + (a.comment() == null || a.comment().isBlank() ? "" : " — " + a.comment()));
        }
        for (LoggedEvent logged : s.events()) {
            if (logged.event() instanceof RunEvent.DecisionRecorded d) {
                lines.add((d.decision() == null ? "?" : d.decision().wire()) + " for task " + d.taskId() + " by " + d.approver()
                        + ", source " + (d.source() == null ? "?" : d.source().wire())
                        + ", " + logged.time() + (d.comment() == null || d.comment().isBlank() ? "" : " — " + d.comment()));
            }
        }
        if (lines.isEmpty()) {
            return out.append("<p class=\"empty\">No decision yet.</p>").toString();
        }
        out.append("<ul class=\"decisions\">");
        lines.forEach(line -> out.append("<li>").append(e(line)).append("</li>"));
        return out.append("</ul>").toString();
    }

    /** Per task: its attempts' output tails, its failing check and why it failed. */
    private String taskDetails(Snapshot s, IntegrationJournal journal) {
        Map<String, List<String>> tails = new LinkedHashMap<>();
        for (LoggedEvent logged : s.events()) {
            if (logged.event() instanceof RunEvent.WorkerEventRelayed relayed && relayed.taskId() != null) {
                WorkerEventPayload details = relayed.details();
                String label = null;
                String tail = null;
                if (details instanceof WorkerEventPayload.AgentExited agent) {
                    label = "agent exited " + agent.exitCode();
                    tail = agent.outputTail();
                } else if (details instanceof WorkerEventPayload.AcceptanceTestResult test) {
                    label = "check `" + test.command() + "` exit " + test.exitCode();
                    tail = test.outputTail();
                }
                if (label != null) {
                    tails.computeIfAbsent(relayed.taskId(), k -> new ArrayList<>()).add("attempt "
                            + (relayed.attempt() == null ? "?" : relayed.attempt()) + ": " + label + "\n" + (tail == null ? "" : tail));
                }
            }
        }
        Map<String, FailingCheck> checks = FailingCheck.lastPerTask(s.events());
        StringBuilder out = new StringBuilder("<h2>Task details</h2>");
        for (RunView.TaskView task : s.view().tasks()) {
            out.append("<details id=\"detail-").append(e(task.id())).append("\"").append(task.status() == TaskStatus.FAILED
                    || task.status() == TaskStatus.AWAITING_DECISION ? " open" : "").append("><summary>").append(e(task.id()))
                    .append(" — ").append(task.status().wire()).append(", attempt ").append(task.attempt()).append("</summary>");
            if (task.reason() != null) {
                out.append("<p class=\"reason\">").append(e(task.reason())).append("</p>");
            }
            if (journal.workOf(task.id()) != null) {
                out.append("<p><a class=\"task-diff\" href=\"/run/").append(e(s.dir().runId())).append("/diff/").append(e(task.id()))
                        .append("\">Diff of this task's change</a></p>");
            }
            FailingCheck check = checks.get(task.id());
            if (check != null) {
                out.append("<pre class=\"evidence\">").append(e(String.join("\n", check.lines()))).append("</pre>");
            }
            for (String tail : tails.getOrDefault(task.id(), List.of())) {
                out.append("<pre class=\"tail\">").append(e(tail)).append("</pre>");
            }
            out.append("</details>");
        }
        return out.toString();
    }

    private static String abbreviate(String digest) {
        return digest == null ? "none" : digest.substring(0, Math.min(12, digest.length()));
    }

    // ---- live events (server-sent events from the log file) ----

    private void events(HttpExchange ex, RunDirectory dir) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        long offset = 0;
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        String lastEvent = ex.getRequestHeaders().getFirst("Last-Event-ID");
        long skipThrough = 0;
        try {
            skipThrough = lastEvent == null ? 0 : Long.parseLong(lastEvent.strip());
        } catch (NumberFormatException e) {
            skipThrough = 0;
        }
        int idle = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long size = Files.size(dir.eventsFile());
                if (size > offset) {
                    byte[] chunk = new byte[(int) Math.min(size - offset, 1 << 20)];
                    try (RandomAccessFile file = new RandomAccessFile(dir.eventsFile().toFile(), "r")) {
                        file.seek(offset);
                        file.readFully(chunk);
                    }
                    offset += chunk.length;
                    for (byte b : chunk) {
                        if (b != '\n') {
                            partial.write(b);
                            continue;
                        }
                        String line = partial.toString(StandardCharsets.UTF_8);
                        partial.reset();
                        JsonNode node;
                        try {
                            node = Json.parse(line);
                        } catch (IOException bad) {
                            continue; // status and the reader name a damaged line; the stream skips it
                        }
                        long seq = node.path("seq").asLong(0);
                        if (seq <= skipThrough) {
                            continue;
                        }
                        String data = Json.write(redactor.redactJson(node));
                        out.write(("id: " + seq + "\nevent: run_event\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                    idle = 0;
                } else if (++idle * ssePollMs >= 15_000) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8)); // finds a closed page
                    out.flush();
                    idle = 0;
                }
                Thread.sleep(ssePollMs);
            }
        } catch (IOException | InterruptedException closed) {
            // the page went away (or the server stops): the stream ends
        }
    }

    // ---- POST: decisions ----

    private void post(HttpExchange ex, String path) throws IOException {
        Matcher m = RUN_PATH.matcher(path);
        if (!m.matches() || !"/decide".equals(m.group(2))) {
            send(ex, 404, "text/plain", "Not found.\n");
            return;
        }
        if (!sameOrigin(ex)) {
            send(ex, 403, "text/plain", "Refused: a decision must come from this dashboard's own page (Origin).\n");
            return;
        }
        byte[] raw = ex.getRequestBody().readNBytes(16 * 1024);
        Map<String, String> fields = form(new String(raw, StandardCharsets.UTF_8));
        String csrfToken = fields.getOrDefault("csrf", ex.getRequestHeaders().getFirst("X-CSRF-Token"));
        if (csrfToken == null || !csrf.contains(csrfToken)) {
            send(ex, 403, "text/plain", "Refused: the page's CSRF token is missing or unknown (reload the page).\n");
            return;
        }
        Optional<RunDirectory> dir = catalog.find(m.group(1));
        if (dir.isEmpty()) {
            send(ex, 404, "text/plain", "No run " + m.group(1) + ".\n");
            return;
        }
        String action = fields.getOrDefault("action", "");
        String comment = fields.getOrDefault("comment", "").strip();
        Budget raise;
        try {
            raise = raisedBudget(fields);
        } catch (IllegalArgumentException e) {
            send(ex, 400, "text/plain", "Refused: " + e.getMessage() + "\n");
            return;
        }
        String outcome = decide(dir.get(), action, fields.get("task"), comment, fields.get("prompt"), raise);
        if (outcome.startsWith("!")) {
            send(ex, 409, "text/plain", outcome.substring(1) + "\n");
            return;
        }
        if ("application/json".equals(ex.getRequestHeaders().getFirst("Accept"))) {
            send(ex, 200, "application/json", Json.write(new DashboardApi.DecisionAnswer(outcome)));
            return;
        }
        ex.getResponseHeaders().set("Location", "/run/" + dir.get().runId());
        send(ex, 303, "text/plain", outcome + "\n");
    }

    /** Carries out a decision; a refusal starts with '!'. */
    String decide(RunDirectory dir, String action, String taskId, String comment, String promptId) {
        return decide(dir, action, taskId, comment, promptId, Budget.NONE);
    }

    /** @param raise the run's new budget given with a retry (resume --budget-usd/--budget-tokens); NONE: unchanged */
    String decide(RunDirectory dir, String action, String taskId, String comment, String promptId, Budget raise) {
        Snapshot s = read(dir);
        if (EventLog.writerActive(dir)) {
            if (!raise.isNone()) {
                return "!The run's orchestrator is asking at a terminal now: a new budget can be given only to a paused run"
                        + " (answer there, or stop it and resume with --budget-usd).";
            }
            return handToTerminal(dir, action, taskId, comment, promptId);
        }
        RunStatus status = s.status();
        List<String> flags = new ArrayList<>();
        switch (action) {
            case "approve" -> {
                if (!raise.isNone()) {
                    return "!A new budget goes with retry or resume only.";
                }
                if (status != RunStatus.AWAITING_APPROVAL || s.state().approvalHolds()) {
                    return "!The run does not wait for approval of its plan (it is " + status.wire() + ").";
                }
                flags.add("--yes");
            }
            case "reject" -> {
                if (status != RunStatus.AWAITING_APPROVAL || s.state().approvalHolds()) {
                    return "!The run does not wait for approval of its plan (it is " + status.wire() + ").";
                }
                try (EventLog log = EventLog.open(dir)) {
                    log.append(new RunEvent.GateRejected(Gate.PLAN, s.state().planDigest(), approver, ApprovalSource.WEB,
                            comment.isEmpty() ? null : comment, null));
                } catch (RunLogException e) {
                    return "!" + e.getMessage();
                }
                return "rejected";
            }
            case "trust" -> {
                if (!waitsForTrust(s)) {
                    return "!The run does not wait for trust (it is " + status.wire() + ").";
                }
                flags.add("--trust");
            }
            case "refuse" -> {
                if (!waitsForTrust(s)) {
                    return "!The run does not wait for trust (it is " + status.wire() + ").";
                }
                // as a "no" at the terminal's trust question: the refusal is logged and the run ends rejected
                String digest = s.state().approvedDigest() != null ? s.state().approvedDigest() : s.state().planDigest();
                try (EventLog log = EventLog.open(dir)) {
                    log.append(new RunEvent.GateRejected(Gate.TRUST, digest, approver, ApprovalSource.WEB,
                            comment.isEmpty() ? "trust refused in the dashboard" : comment, null));
                    log.append(new RunEvent.ExecutionComplete(0, 0, 0, RunOutcome.REJECTED));
                } catch (RunLogException e) {
                    return "!" + e.getMessage();
                }
                return "refused: the run is rejected";
            }
            case "retry", "skip", "abort" -> {
                if (status != RunStatus.AWAITING_DECISION) {
                    return "!The run does not wait for a decision (it is " + status.wire() + ").";
                }
                String task = taskId != null ? taskId : s.state().pendingEscalation().map(Escalation::taskId).orElse(null);
                if (task == null || !FailingCheck.allowedDecisions(s.events(), task).contains(action)) {
                    return "!" + action + " is not a decision this escalation allows.";
                }
                flags.add("--decision");
                flags.add(action);
                if (!raise.isNone()) {
                    if (!action.equals("retry")) {
                        return "!A new budget goes with retry only (" + action + " starts no attempt).";
                    }
                    addBudget(flags, raise);
                }
            }
            case "resume" -> {
                // stopped at its prompt (the question was never logged) or interrupted: a resume asks again, here
                if (!resumable(s)) {
                    return "!The run is not one a plain resume continues (it is " + status.wire() + ").";
                }
                if (!raise.isNone()) {
                    addBudget(flags, raise);
                }
            }
            default -> {
                return "!Unknown action '" + action + "' (approve, reject, trust, refuse, retry, skip, abort, resume).";
            }
        }
        List<String> argv = new ArrayList<>(resumeCommand);
        argv.add("resume");
        argv.add(dir.runId());
        argv.add("--state-dir");
        argv.add(dir.path().getParent().toString());
        if (s.state().workspace() != null && Files.isDirectory(Path.of(s.state().workspace()))) {
            argv.add("-C");
            argv.add(s.state().workspace());
        }
        argv.addAll(flags);
        argv.add("--approval-source");
        argv.add("web");
        if (!comment.isEmpty()) {
            argv.add("--approval-comment");
            argv.add(comment);
        }
        Path log = dir.path().resolve("dashboard-resume.log");
        background.execute(() -> ChildProcess.of(argv).directory(dir.path()).logTo(log, 8L << 20).mergeStderr(true)
                .stdin(new byte[0]).run());
        return "resumed";
    }

    private static void addBudget(List<String> flags, Budget raise) {
        if (raise.usd() != null) {
            flags.add("--budget-usd");
            flags.add(raise.usd().toString());
        }
        if (raise.tokens() != null) {
            flags.add("--budget-tokens");
            flags.add(raise.tokens().toString());
        }
    }

    /**
     * A plain resume is what continues the run: it was interrupted, or stopped at its terminal's
     * decision prompt before the question was logged (a resume asks it again, and pauses here with it).
     */
    private static boolean resumable(Snapshot s) {
        return s.status() == RunStatus.INTERRUPTED
                || s.status() == RunStatus.AWAITING_DECISION && s.state().pendingEscalations().isEmpty();
    }

    private static boolean waitsForTrust(Snapshot s) {
        // the trust gate's pause is logged as awaiting_approval with the plan approved, or as awaiting_trust
        return s.status() == RunStatus.AWAITING_TRUST || s.status() == RunStatus.AWAITING_APPROVAL && s.state().approvalHolds();
    }

    /** The new budget a retry form carries (empty fields: unchanged); a bad number is refused, never guessed. */
    static Budget raisedBudget(Map<String, String> fields) {
        String usd = fields.getOrDefault("budget_usd", "").strip();
        String tokens = fields.getOrDefault("budget_tokens", "").strip();
        Double dollars = null;
        Long count = null;
        if (!usd.isEmpty()) {
            if (!usd.matches("\\$?[0-9]{1,9}(\\.[0-9]{1,6})?")) {
                throw new IllegalArgumentException("the budget in dollars must be a number like 2 or 0.50, not '" + SafeText.brief(usd, 40) + "'.");
            }
            dollars = Double.valueOf(usd.startsWith("$") ? usd.substring(1) : usd);
        }
        if (!tokens.isEmpty()) {
            if (!tokens.matches("[0-9]{1,15}")) {
                throw new IllegalArgumentException("the budget in tokens must be a whole number, not '" + SafeText.brief(tokens, 40) + "'.");
            }
            count = Long.valueOf(tokens);
        }
        return new Budget(dollars, count); // refuses 0
    }

    /** The run's orchestrator asks at its terminal: the answer goes to that question (recorded there, source web). */
    private String handToTerminal(RunDirectory dir, String action, String taskId, String comment, String promptId) {
        Optional<DecisionInbox.Prompt> asked = DecisionInbox.waiting(dir);
        if (asked.isEmpty()) {
            return "!An orchestrator is running this run now and asks nothing at the moment: nothing to decide.";
        }
        DecisionInbox.Prompt prompt = asked.get();
        if (promptId != null && !promptId.equals(prompt.promptId())
                || taskId != null && prompt.taskId() != null && !taskId.equals(prompt.taskId())) {
            return "!The question at the terminal changed since this page was loaded (now: " + redactor.redact(prompt.question())
                    + "); reload.";
        }
        try {
            DecisionInbox.answer(dir, prompt, action, ApprovalSource.WEB, approver, comment);
        } catch (IllegalArgumentException e) {
            return "!" + redactor.redact(e.getMessage());
        }
        return "answered: handed to the orchestrator asking at its terminal";
    }

    // ---- plumbing ----

    private static Map<String, String> form(String raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return fields;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(key, value);
        }
        return fields;
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }
}
