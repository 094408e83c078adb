package dev.harness.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.run.RunStatusReport;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.ChildResult;
import dev.harness.protocol.secrets.Redactor;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/harness-mcp}: an MCP server over stdio that lets a coding agent plan, start and follow
 * harness runs. Six tools, each one orchestrator command run as an argv child. No tool approves a
 * plan or grants trust: a run started here stops at the plan gate, and a person approves it at
 * their terminal ({@code orchestrator resume RUN --yes}). stdout is the MCP channel only.
 */
public final class HarnessMcp {
    static final String VERSION = "0.1.0";
    /** How long a started run, resume or decision is waited for before answering "still running" (a run
     *  started here stops at the plan gate, usually within seconds). */
    static final Duration RESUME_WAIT = Duration.ofSeconds(20);
    /** How long start_run waits for the new run's id. */
    static final Duration START_WAIT = Duration.ofMinutes(2);
    static final int MAX_EVENTS = 200;
    /** How long a person may take to answer a gate asked through elicitation. */
    static final Duration GATE_ANSWER_WAIT = Duration.ofMinutes(30);
    private static final Set<String> DECISIONS = Set.of("retry", "skip", "abort");
    private static final Set<String> AGENTS = Set.of("none", "claude", "codex", "aider");

    private final Orchestrator orchestrator;
    private final Redactor redactor;
    private final Path defaultWorkspace;

    HarnessMcp(Orchestrator orchestrator, Redactor redactor, Path defaultWorkspace) {
        this.orchestrator = orchestrator;
        this.redactor = redactor;
        this.defaultWorkspace = defaultWorkspace;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            // nothing is configurable from the command line: the one mode is stdio MCP
            System.err.println(args[0].equals("--version") ? "harness-mcp " + VERSION
                    : "usage: harness-mcp   (an MCP server on stdin/stdout; add it to your agent, see README)");
            System.exit(args[0].equals("--version") || args[0].equals("--help") ? 0 : 2);
        }
        Map<String, String> env = System.getenv();
        HarnessMcp tools = new HarnessMcp(Orchestrator.forInstallation(env), Redactor.forEnvironment(env),
                Path.of("").toAbsolutePath());
        // the process ends when the client closes our stdin: the transport only stops reading then
        CountDownLatch stdinClosed = new CountDownLatch(1);
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    stdinClosed.countDown();
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c < 0) {
                    stdinClosed.countDown();
                }
                return c;
            }
        };
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(new JacksonMcpJsonMapper(Json.MAPPER), in, System.out))
                .serverInfo("harness", VERSION)
                .instructions("Plans and runs work through the planning-execution harness. A run you start stops at"
                        + " the plan gate: a person approves it at their terminal, or in a form your client shows them"
                        + " (elicitation); you cannot.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // a gate put to the person by elicitation waits for them to read the plan and answer
                .requestTimeout(GATE_ANSWER_WAIT)
                .tools(tools.specifications())
                .build();
        stdinClosed.await();
        server.closeGracefully();
        System.exit(0);
    }

    List<SyncToolSpecification> specifications() {
        List<SyncToolSpecification> specs = new ArrayList<>();
        specs.add(tool("plan", "Plan an objective in a workspace; nothing is executed. Returns the task packets.",
                schema(Map.of("objective", string("What you want done."), "workspace", string(WORKSPACE)), "objective"),
                Set.of("objective", "workspace"), (a, x) -> plan(a)));
        specs.add(tool("start_run", "Start a run for an objective; returns its id at once. It stops at the plan gate"
                        + " until a person approves it at their terminal.",
                schema(Map.of("objective", string("What you want done."), "workspace", string(WORKSPACE),
                        "agent", Map.of("type", "string", "enum", List.copyOf(AGENTS), "description", "Coding agent (default none).")),
                        "objective"),
                Set.of("objective", "workspace", "agent"), this::startRun));
        specs.add(tool("run_status", "A run's status: tasks, gate or escalation waiting, what to do next.",
                schema(Map.of("run_id", string("The run id."), "workspace", string(WORKSPACE)), "run_id"),
                Set.of("run_id", "workspace"), (a, x) -> status(a)));
        specs.add(tool("run_events", "A run's events after a sequence number, optionally of one kind or task.",
                schema(Map.of("run_id", string("The run id."), "since_seq", Map.of("type", "integer", "minimum", 0,
                                "description", "Only events with a larger seq (default 0)."),
                        "kind", string("Only this event kind, e.g. task_failed."), "task", string("Only this task id."),
                        "workspace", string(WORKSPACE)), "run_id"),
                Set.of("run_id", "since_seq", "kind", "task", "workspace"), (a, x) -> events(a)));
        specs.add(tool("decide_escalation", "Answer a run's pending escalation (retry, skip or abort) and continue it.",
                schema(Map.of("run_id", string("The run id."), "decision", Map.of("type", "string", "enum", List.copyOf(DECISIONS)),
                        "workspace", string(WORKSPACE)), "run_id", "decision"),
                Set.of("run_id", "decision", "workspace"), (a, x) -> decide(a)));
        specs.add(tool("resume", "Continue a paused or interrupted run. Gates a person must pass stay closed.",
                schema(Map.of("run_id", string("The run id."), "workspace", string(WORKSPACE)), "run_id"),
                Set.of("run_id", "workspace"), this::resume));
        // start_run and resume put a waiting gate to the person when the client can ask them (elicitation)
        return specs;
    }

    private static final String WORKSPACE = "Absolute path of the project (default: where the agent runs).";

    CallToolResult plan(ToolArguments a) {
        Path workspace = a.workspace(defaultWorkspace);
        String objective = a.objective();
        ChildResult result = orchestrator.query(planCommand(workspace, objective));
        return fromQuery(result);
    }

    /** The objective is free text and may start with '-': it is the last word, after "--", never read as an option. */
    static List<String> planCommand(Path workspace, String objective) {
        return List.of("plan", "--json", "--no-color", "-C", workspace.toString(), "--", objective);
    }

    /** Like {@link #planCommand}: the objective only ever follows "--". */
    static List<String> runCommand(Path workspace, String agent, String objective) {
        return List.of("--json", "--no-color", "run", "-C", workspace.toString(), "--agent", agent, "--", objective);
    }

    CallToolResult startRun(ToolArguments a, McpSyncServerExchange exchange) throws IOException {
        Path workspace = a.workspace(defaultWorkspace);
        String objective = a.objective();
        String agent = a.choice("agent", AGENTS, "none");
        Orchestrator.Started started = orchestrator.detached(runCommand(workspace, agent, objective), workspace, true, RESUME_WAIT, START_WAIT);
        if (started.runId() == null) {
            return error("The run did not start: " + lastLines(started.stderr(), 20));
        }
        ToolAnswer.Run answer = new ToolAnswer.Run(started.runId(), workspace.toString(), null, started.exitCode(),
                lastStatus(started.stdout()), null, null, "A person approves the plan at their terminal: " + orchestrator.commandName() + " resume "
                + started.runId() + " --workspace " + dev.harness.protocol.CommandWords.quote(workspace.toString())
                + " (add --yes to approve without the prompt). Follow it with run_status / run_events.", started.log().toString());
        return ok(Json.write(askThePerson(exchange, started.runId(), workspace, answer)));
    }

    CallToolResult status(ToolArguments a) {
        String runId = a.runId();
        return fromQuery(orchestrator.query(withWorkspace(a, List.of("status", "--json", "--no-color"), runId)));
    }

    CallToolResult events(ToolArguments a) {
        String runId = a.runId();
        long since = a.sinceSeq();
        String kind = a.optionalKind();
        String task = a.optionalTask();
        List<String> args = new ArrayList<>(List.of("events", "--json", "--no-color"));
        if (kind != null) {
            args.add("--kind");
            args.add(kind);
        }
        if (task != null) {
            args.add("--task");
            args.add(task);
        }
        ChildResult result = orchestrator.query(withWorkspace(a, args, runId));
        if (!result.ok()) {
            return fromQuery(result);
        }
        List<JsonNode> events = new ArrayList<>();
        long last = since;
        int more = 0;
        for (String line : result.stdout().text().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event;
            try {
                event = Json.parse(line);
            } catch (JsonProcessingException e) {
                return error("The orchestrator printed an unreadable event line: " + e.getOriginalMessage());
            }
            long seq = event.path("seq").asLong(0);
            if (seq <= since) {
                continue;
            }
            if (events.size() >= MAX_EVENTS) {
                more++;
                continue;
            }
            events.add(event);
            last = Math.max(last, seq);
        }
        ToolAnswer.Events answer = more > 0 ? new ToolAnswer.Events(events, last, more, "call again with since_seq " + last)
                : new ToolAnswer.Events(events, last, null, null);
        return ok(redactor.redact(Json.write(answer)));
    }

    CallToolResult decide(ToolArguments a) throws IOException {
        String runId = a.runId();
        String decision = a.choice("decision", DECISIONS, null);
        return answer(continued(a, runId, List.of("resume", "--json", "--no-color", "--decision", decision)));
    }

    CallToolResult resume(ToolArguments a, McpSyncServerExchange exchange) throws IOException {
        ToolAnswer.Run answer = continued(a, a.runId(), List.of("resume", "--json", "--no-color"));
        if (answer.refused()) {
            return answer(answer);
        }
        return answer(askThePerson(exchange, a.runId(), a.workspace(defaultWorkspace), answer));
    }

    private CallToolResult answer(ToolAnswer.Run answer) {
        return answer.refused() ? error(Json.write(answer)) : ok(Json.write(answer));
    }

    /**
     * A run that waits at the plan or trust gate: where the client can ask its user (elicitation),
     * the gate is put to the person there — the model never sees the form nor answers it — and a
     * "yes" resumes the run with that approval, recorded as source mcp_elicitation. Otherwise, or
     * when the person declines, the run keeps waiting for them at their terminal.
     */
    private ToolAnswer.Run askThePerson(McpSyncServerExchange exchange, String runId, Path workspace, ToolAnswer.Run answer)
            throws IOException {
        if (exchange == null || !GateQuestion.supported(exchange.getClientCapabilities())) {
            return answer;
        }
        ChildResult queried = orchestrator.query(List.of("status", "--json", "--no-color", "-C", workspace.toString(), "--", runId));
        if (!queried.ok()) {
            return answer;
        }
        RunStatusReport status = Json.convert(Json.parse(queried.stdout().text()), RunStatusReport.class);
        Optional<McpSchema.ElicitFormRequest> question = GateQuestion.of(status, workspace.toString());
        if (question.isEmpty()) {
            return answer;
        }
        McpSchema.ElicitResult result;
        try {
            result = exchange.createElicitation(question.get());
        } catch (RuntimeException e) {
            return answer.withAskedPerson("the gate could not be put to the person (" + e.getMessage()
                    + "); they approve at their terminal");
        }
        Optional<GateQuestion.Answer> given = GateQuestion.answer(result, status.approvalHolds());
        if (given.isEmpty() || !given.get().passesAnything()) {
            return answer.withAskedPerson("the person did not approve at the prompt; the run still waits for them");
        }
        List<String> command = new ArrayList<>(List.of("resume", "--json", "--no-color"));
        if (given.get().approvePlan()) {
            command.add("--yes");
        }
        if (given.get().trustWorkspace()) {
            command.add("--trust");
        }
        command.add("--approval-source=mcp_elicitation");
        if (given.get().comment() != null) {
            command.add("--approval-comment=" + given.get().comment());
        }
        command.addAll(List.of("-C", workspace.toString(), "--", runId));
        Orchestrator.Started resumed = orchestrator.detached(command, workspace, false, RESUME_WAIT, RESUME_WAIT);
        String asked = (given.get().approvePlan() ? "the person approved the plan" : "the plan stays as approved")
                + (given.get().trustWorkspace() ? " and trusted the workspace" : "") + " (MCP elicitation); the run goes on";
        // what the first orchestrator said of the run gives way to what the resumed one says
        boolean running = resumed.exitCode() == null;
        return new ToolAnswer.Run(answer.runId(), answer.workspace(), running ? true : null, resumed.exitCode(),
                running ? null : lastStatus(resumed.stdout()), null, asked, "follow it with run_status / run_events",
                resumed.log().toString());
    }

    private ToolAnswer.Run continued(ToolArguments a, String runId, List<String> command) throws IOException {
        Path workspace = a.workspace(defaultWorkspace);
        Orchestrator.Started started = orchestrator.detached(withWorkspace(a, command, runId), workspace, false, RESUME_WAIT, RESUME_WAIT);
        if (started.exitCode() == null) {
            return new ToolAnswer.Run(runId, null, true, null, null, null, null,
                    "still running in the background; follow it with run_status / run_events", started.log().toString());
        }
        return new ToolAnswer.Run(runId, null, null, started.exitCode(), lastStatus(started.stdout()),
                lastLines(started.stderr(), 12), null, null, started.log().toString());
    }

    private static List<String> withWorkspace(ToolArguments a, List<String> command, String runId) {
        List<String> argv = new ArrayList<>(command);
        Path workspace = a.workspace(null);
        if (workspace != null) {
            argv.add("-C");
            argv.add(workspace.toString());
        }
        argv.add("--");
        argv.add(runId);
        return argv;
    }

    /** The status the run's last run_paused/run_finished-like event names, if any. */
    private static String lastStatus(String jsonl) {
        String status = null;
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode event = Json.parse(line);
                if (event.path("status").isTextual()) {
                    status = event.get("status").asText();
                }
            } catch (JsonProcessingException torn) {
                // a line torn by a process still writing: the status comes from the whole lines
                continue;
            }
        }
        return status;
    }

    private CallToolResult fromQuery(ChildResult result) {
        if (result.ok()) {
            return ok(result.stdout().text());
        }
        String why = lastLines(result.stderr().text(), 20);
        return error("orchestrator " + result.describe() + (why.isBlank() ? "" : ": " + why));
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - n), lines.length));
    }

    private CallToolResult ok(String text) {
        return CallToolResult.builder().addTextContent(redactor.redact(text)).isError(false).build();
    }

    private CallToolResult error(String text) {
        return CallToolResult.builder().addTextContent(redactor.redact(text)).isError(true).build();
    }

    @FunctionalInterface
    interface Handler {
        CallToolResult handle(ToolArguments arguments, McpSyncServerExchange exchange) throws IOException;
    }

    private SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
                                       Set<String> allowed, Handler handler) {
        Tool tool = Tool.builder().name(name).description(description).inputSchema(inputSchema).build();
        java.util.function.BiFunction<Map<String, Object>, McpSyncServerExchange, CallToolResult> call = (args, exchange) -> {
            try {
                return handler.handle(ToolArguments.of(args, allowed), exchange);
            } catch (ToolArguments.InvalidArgument e) {
                return error("refused: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                System.err.println("harness-mcp: " + name + " failed: " + redactor.redact(String.valueOf(e)));
                return error(name + " failed: " + e.getMessage());
            }
        };
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> call.apply(request.arguments(), exchange)).build();
    }

    private static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> schema(Map<String, Object> properties, String... required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new LinkedHashMap<>(properties));
        schema.put("required", List.of(required));
        schema.put("additionalProperties", false);
        return schema;
    }
}
