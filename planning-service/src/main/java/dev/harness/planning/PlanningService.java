package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.plan.PlanFinding;
import dev.harness.api.rpc.MethodDescriptor;
import dev.harness.api.rpc.PlanningMethods;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.CliOption;
import dev.harness.protocol.Dispatcher;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.protocol.MethodHandler;
import dev.harness.protocol.RequestContext;
import dev.harness.protocol.RpcException;
import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;
import dev.harness.protocol.StartupTrace;
import dev.harness.protocol.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The planning-service executable: decompose (objective → plan of task packets, announced by
 * plan_created before the response), refine (plan + plain-language feedback → revised plan) and
 * validate (plan → findings), with the built-in planner or a configured external one.
 */
public final class PlanningService implements Service {
    static final CliOption PLANNER_COMMAND = new CliOption("--planner-command", "COMMAND",
            "external planner to run, e.g. \"claude -p --output-format json\" (prompt on its stdin; split like a shell, "
                    + "but no shell runs it)", "HARNESS_PLANNER_COMMAND");
    static final CliOption PLANNER = new CliOption("--planner", "NAME",
            "run a coding agent's CLI headless as the planner: claude (claude -p --output-format json) or codex "
                    + "(codex exec --sandbox read-only --skip-git-repo-check -); --planner-command wins", "HARNESS_PLANNER");
    static final CliOption PLANNER_TIMEOUT = new CliOption("--planner-timeout", "SECONDS",
            "how long the external planner may take before the built-in planner answers (default 120)", "HARNESS_PLANNER_TIMEOUT");
    static final CliOption CONFIG = new CliOption("--config", "FILE",
            "YAML with planner_command and planner_timeout (default ~/.config/harness/planning.yaml)", "HARNESS_PLANNING_CONFIG");
    static final CliOption SCAN_MAX_FILES = new CliOption("--scan-max-files", "N",
            "stop scanning a workspace after N entries (default " + WorkspaceScanner.DEFAULT_MAX_ENTRIES + ")", null);
    static final CliOption SCAN_MAX_DEPTH = new CliOption("--scan-max-depth", "N",
            "scan at most N directory levels deep (default " + WorkspaceScanner.DEFAULT_MAX_DEPTH + ")", null);
    static final CliOption SCAN_MAX_SECONDS = new CliOption("--scan-max-seconds", "N",
            "a safety net: stop walking a workspace after N seconds, and reading its files for matching after N more (default "
                    + ScanBudget.DEFAULT.toSeconds() + "); the entry and byte limits are what bound a scan", null);
    /**
     * A scan is reused while its tree stamp proves the tree unchanged; this bounds it for what the
     * stamp does not see (a toolchain installed on PATH meanwhile).
     */
    private static final Duration SCAN_TTL = Duration.ofMinutes(5);

    private final Map<String, String> env;
    private final Path serviceDirectory;
    private final BuiltInPlanner builtIn = new BuiltInPlanner();
    private ScanCache cache;
    private ExternalPlanner external;
    private String externalName;

    public PlanningService() {
        this(System.getenv(), Path.of(System.getProperty("user.dir")));
    }

    public PlanningService(Map<String, String> env, Path serviceDirectory) {
        this.env = env;
        this.serviceDirectory = serviceDirectory;
        this.cache = new ScanCache(new WorkspaceScanner(WorkspaceScanner.DEFAULT_MAX_DEPTH, WorkspaceScanner.DEFAULT_MAX_ENTRIES,
                ScanBudget.of(ScanBudget.DEFAULT)), new ToolchainDetector(env), SCAN_TTL, Clock.systemUTC());
    }

    public static void main(String[] args) {
        ServiceLauncher.launch(new PlanningService(), args);
    }

    @Override
    public String name() {
        return "planning-service";
    }

    @Override
    public String summary() {
        return "Turns an objective into a plan of task packets, refines plans and validates them.";
    }

    @Override
    public List<CliOption> options() {
        return List.of(PLANNER_COMMAND, PLANNER, PLANNER_TIMEOUT, CONFIG, SCAN_MAX_FILES, SCAN_MAX_DEPTH, SCAN_MAX_SECONDS);
    }

    @Override
    public void configure(Map<String, String> options) throws UsageException {
        PlannerConfig config = PlannerConfig.load(options.get(PLANNER_COMMAND.name()), options.get(PLANNER.name()),
                options.get(PLANNER_TIMEOUT.name()), options.get(CONFIG.name()), env, serviceDirectory);
        if (config.configured()) {
            external = new ExternalPlanner(config.command(), config.timeout(), env);
            externalName = Path.of(config.command().get(0)).getFileName().toString();
            Log.info("external planner: " + externalName + " (from " + config.source() + "), timeout "
                    + config.timeout().toSeconds() + " s");
        }
        int maxFiles = positive(options, SCAN_MAX_FILES, WorkspaceScanner.DEFAULT_MAX_ENTRIES);
        int maxDepth = positive(options, SCAN_MAX_DEPTH, WorkspaceScanner.DEFAULT_MAX_DEPTH);
        int maxSeconds = positive(options, SCAN_MAX_SECONDS, (int) ScanBudget.DEFAULT.toSeconds());
        cache = new ScanCache(new WorkspaceScanner(maxDepth, maxFiles, ScanBudget.of(Duration.ofSeconds(maxSeconds))),
                new ToolchainDetector(env), SCAN_TTL, Clock.systemUTC());
    }

    @Override
    public void register(Dispatcher dispatcher) {
        // an external planner may think for minutes: keep answering other requests meanwhile
        if (external != null) {
            dispatcher.onBlocking("decompose", oneView(this::decompose));
            dispatcher.onBlocking("refine", oneView(this::refine));
        } else {
            // the built-in planner is a function of the request and the workspace (the scan cache guards
            // itself): pipelined requests are planned on several threads, answered in order
            dispatcher.onConcurrent("decompose", oneView(this::decompose));
            dispatcher.on("refine", oneView(this::refine));
        }
        dispatcher.onConcurrent("validate", oneView(this::validate));
        warmUp(dispatcher);
    }

    /** The handler with the request's manifest reads shared: each file read and parsed once per request. */
    private static MethodHandler oneView(MethodHandler handler) {
        return (params, ctx) -> {
            try (ManifestFile.Reads reads = ManifestFile.Reads.open()) {
                return handler.handle(params, ctx);
            }
        };
    }

    /**
     * Compiles the schemas every decompose needs while the first request is still on its way, so
     * the first plan does not pay for it (compiling is lazy and costs more than planning).
     */
    private static void warmUp(Dispatcher dispatcher) {
        Thread thread = new Thread(() -> {
            try {
                var contract = dispatcher.contract();
                // compiling is enough: an invalid sample would load networknt, which valid requests never need
                contract.paramsSchema("decompose");
                contract.resultSchema("decompose");
                contract.notificationSchema("plan_created");
                dev.harness.protocol.SchemaCatalog.shared().named("task-packet");
            } catch (RuntimeException e) {
                Log.warn("schema warm-up failed (requests will compile them): " + e.getMessage());
            }
        }, "schema-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void terminate() {
        if (external != null) {
            external.terminate();
        }
    }

    JsonNode decompose(JsonNode params, RequestContext ctx) {
        long start = System.nanoTime();
        PlanningMethods.DecomposeParams request = read(PlanningMethods.DECOMPOSE, params);
        String objective = request.objective();
        Path root = workspace(request.context(), ctx);
        WorkspaceFacts facts = facts(root, ctx);
        long scanned = System.nanoTime();
        StartupTrace.mark("decompose: workspace scanned");
        Integer maxPackets = request.where().packetLimit();

        PlanDraft draft = null;
        List<String> warnings = new ArrayList<>();
        if (external != null) {
            try {
                draft = external.decompose(objective, facts);
            } catch (PlannerFailure e) {
                warnings.add("The external planner (" + externalName + ") failed: " + e.getMessage()
                        + "; the built-in planner made this plan.");
                Log.warn("external planner failed: " + e.getMessage());
            }
        }
        if (draft == null) {
            draft = builtIn.plan(objective, facts, maxPackets);
        }
        // one JSON form of the packets serves the rules, the plan_created event, its digest and the result
        StartupTrace.mark("decompose: planned");
        ArrayNode packets = TaskPacket.toJson(draft.packets());
        PlanRules.Report report = PlanDraft.BUILT_IN.equals(draft.planner())
                ? PlanRules.checkOwn(packets) : PlanRules.check(packets);
        if (!report.valid()) {
            Log.error("the " + draft.planner() + " planner produced an invalid plan: " + report.errorMessages(), null);
            throw ctx.error("planner_failed", "No planner could produce a valid plan: " + report.errors().get(0).message(),
                    findings(report));
        }
        warnings.addAll(draft.warnings());
        warnings.addAll(report.warningMessages());
        if (PlanDraft.EXTERNAL.equals(draft.planner())) {
            warnings.addAll(externalPlanChecks(draft.packets(), objective, root));
        }
        StartupTrace.mark("decompose: rules checked");
        publish(ctx, objective, draft.packets(), packets, warnings, draft.planner(), root);
        StartupTrace.mark("decompose: plan_created published");
        // plain concatenation: this line is built for every request, even under --quiet
        Log.info("decompose: " + draft.packets().size() + (draft.packets().size() == 1 ? " packet by " : " packets by ") + draft.planner() + " for " + root + "; scan "
                + millis(scanned - start) + " ms (" + facts.scan().directories().size() + " dirs, " + facts.scan().files().size()
                + " files" + (facts.scan().timeLimited() ? ", out of time" : facts.scan().truncated() ? ", truncated" : "")
                + (facts.content().unread() > 0 ? ", " + facts.content().unread() + " files unread" : "") + "), total " + millis(System.nanoTime() - start) + " ms");
        return packets;
    }

    JsonNode refine(JsonNode params, RequestContext ctx) {
        PlanningMethods.RefineParams request = read(PlanningMethods.REFINE, params);
        String feedback = request.feedback();
        String objective = request.objective();
        JsonNode context = request.context();
        Path root = WorkspaceLocator.named(context) ? workspace(context, ctx) : null;
        List<TaskPacket> given = PlanEditor.normalize(TaskPacket.fromJson(array(request.packets())));
        PlanRules.Report before = PlanRules.check(given);
        if (!before.valid()) {
            throw ctx.error("plan_invalid", "The packets given break the plan rules: " + before.errors().get(0).message(),
                    findings(before));
        }

        List<TaskPacket> revised;
        List<String> warnings = new ArrayList<>();
        String planner = PlanDraft.BUILT_IN;
        try {
            PlanEditor editor = new PlanEditor(given, root, root == null ? null : (words, scopePath) -> newTaskFiles(words, scopePath,
                    facts(root, ctx))).apply(FeedbackParser.parse(feedback));
            revised = editor.packets();
            warnings.addAll(editor.notes());
        } catch (FeedbackNotUnderstood notUnderstood) {
            if (external == null) {
                throw ctx.error("feedback_not_understood", notUnderstood.getMessage(), feedbackData(feedback));
            }
            try {
                Path workDir = root != null ? root : serviceDirectory;
                WorkspaceFacts facts = root != null ? facts(root, ctx) : null;
                PlanDraft draft = external.refine(given, feedback, facts, objective, workDir);
                revised = draft.packets();
                warnings.addAll(draft.warnings());
                planner = PlanDraft.EXTERNAL;
            } catch (PlannerFailure failure) {
                throw ctx.error("feedback_not_understood", notUnderstood.getMessage() + " The external planner ("
                        + externalName + ") could not apply it either: " + failure.getMessage() + ".", feedbackData(feedback));
            }
        }
        ArrayNode revisedJson = TaskPacket.toJson(revised);
        PlanRules.Report after = PlanRules.check(revisedJson);
        if (!after.valid()) {
            throw ctx.error("plan_invalid", "The revised plan breaks the plan rules: " + after.errors().get(0).message(),
                    findings(after));
        }
        warnings.addAll(after.warningMessages());
        String planObjective = objective != null ? objective
                : String.join("; ", revised.stream().map(p -> p.title() == null ? p.id() : p.title()).toList());
        publish(ctx, planObjective, revised, revisedJson, warnings, planner, root);
        return revisedJson;
    }

    /**
     * The plan rules; with a workspace in context (a plan file for it, say), also every check that
     * names a script, target or path the workspace does not have.
     */
    JsonNode validate(JsonNode params, RequestContext ctx) {
        PlanningMethods.ValidateParams request = read(PlanningMethods.VALIDATE, params);
        ArrayNode packets = array(request.packets());
        PlanRules.Report report = PlanRules.check(packets);
        ObjectNode context = request.context();
        if (!WorkspaceLocator.named(context)) {
            return PlanningMethods.VALIDATE.toResult(report.toReport());
        }
        Path root = workspace(context, ctx);
        List<PlanFinding> warnings = new ArrayList<>(report.warnings());
        for (int i = 0; i < packets.size(); i++) {
            JsonNode packet = packets.get(i);
            String id = packet.path("id").isTextual() ? packet.get("id").asText() : null;
            String name = id != null ? "Packet " + id : "Packet #" + (i + 1);
            TaskPacket typed = TaskPacket.fromJson(packet);
            List<String> listed = typed.files();
            for (String file : ExpectedFiles.absent(listed, java.util.Objects.toString(typed.objective(), "") + "\n" + java.util.Objects.toString(typed.description(), ""), root)) {
                warnings.add(new PlanFinding("file_not_found", ExpectedFiles.warning(name, file), id,
                        "/packets/" + i + "/files/" + listed.indexOf(file)));
            }
            JsonNode tests = packet.path("acceptance_tests");
            for (int j = 0; tests.isArray() && j < tests.size(); j++) {
                String command = tests.get(j).asText();
                int at = j;
                int index = i;
                CheckTargets.missing(command, root).ifPresent(why -> warnings.add(new PlanFinding("check_cannot_run",
                        (id != null ? "Packet " + id : "Packet #" + (index + 1)) + "'s check '" + PlanRules.abbreviate(command, 80)
                                + "' cannot run on this project: " + why + ".", id, "/packets/" + index + "/acceptance_tests/" + at)));
                CheckTargets.rewrites(command, root).ifPresent(why -> warnings.add(new PlanFinding("check_rewrites_tree",
                        (id != null ? "Packet " + id : "Packet #" + (index + 1)) + "'s acceptance test '" + PlanRules.abbreviate(command, 80)
                                + "' changes the workspace: " + why + "; a check must only read it"
                                + (why.startsWith("the build binds") ? "." : " (run the script's test steps)."),
                        id, "/packets/" + index + "/acceptance_tests/" + at)));
            }
        }
        return PlanningMethods.VALIDATE.toResult(new PlanRules.Report(report.errors(), warnings).toReport());
    }

    /** What a person should look at in an LLM's plan before approving it. */
    static List<String> externalPlanChecks(List<TaskPacket> packets, String objective, Path root) {
        List<String> warnings = new ArrayList<>();
        String stripped = objective.strip();
        for (TaskPacket p : packets) {
            String path = p.scopePath();
            if (path != null && !path.equals(".") && !path.startsWith("/") && !java.nio.file.Files.exists(root.resolve(path))) {
                warnings.add("Packet " + p.id() + "'s scope_path " + path + " does not exist in the workspace (yet).");
            }
            for (String file : ExpectedFiles.absent(p.files(), java.util.Objects.toString(p.objective(), "") + "\n" + java.util.Objects.toString(p.description(), ""), root)) {
                warnings.add(ExpectedFiles.warning("Packet " + p.id(), file));
            }
            for (String test : p.acceptanceTests()) {
                CheckTargets.missing(test, root).ifPresent(why -> warnings.add("Packet " + p.id() + "'s check '"
                        + PlanRules.abbreviate(test, 80) + "' cannot run on this project: " + why + "."));
                CheckTargets.rewrites(test, root).ifPresent(why -> warnings.add("Packet " + p.id() + "'s check '"
                        + PlanRules.abbreviate(test, 80) + "' changes the workspace: " + why + "."));
                if (stripped.length() >= 12 && test.contains(stripped.substring(0, Math.min(stripped.length(), 40)))) {
                    warnings.add("Packet " + p.id() + "'s acceptance test contains the objective's text; check it before approving.");
                }
            }
        }
        return warnings;
    }

    /** Announces the plan; {@code packetsJson} is TaskPacket.toJson(packets), shared with the result. */
    private void publish(RequestContext ctx, String objective, List<TaskPacket> packets, ArrayNode packetsJson,
                         List<String> warnings, String planner, Path root) {
        Plan plan = new Plan(objective, packets, new ArrayList<>(new LinkedHashSet<>(warnings)), planner,
                root == null ? null : root.toString(), java.time.Instant.now());
        ctx.notify("plan_created", plan.toJson(packetsJson));
    }

    /** Nanoseconds as milliseconds with one decimal (what %.1f printed, without a Formatter per request). */
    static String millis(long nanos) {
        long tenths = Math.round(nanos / 1e5);
        return tenths / 10 + "." + tenths % 10;
    }

    /** The files the built-in planner lists for {@code words} as one packet, those within {@code scopePath}. */
    private List<String> newTaskFiles(String words, String scopePath, WorkspaceFacts facts) {
        List<String> files = new ArrayList<>();
        for (TaskPacket packet : builtIn.plan(words, facts, 1).packets()) {
            packet.files().stream().filter(f -> !files.contains(f)
                    && (scopePath.equals(".") || f.equals(scopePath) || f.startsWith(scopePath + "/"))).forEach(files::add);
        }
        return files;
    }

    private Path workspace(JsonNode context, RequestContext ctx) {
        try {
            return new WorkspaceLocator(serviceDirectory, env).resolve(context != null && context.isObject() ? context : null);
        } catch (WorkspaceLocator.Unreadable e) {
            ObjectNode data = Json.object();
            data.put("path", e.path());
            throw ctx.error("workspace_unreadable", e.getMessage(), data);
        }
    }

    private WorkspaceFacts facts(Path root, RequestContext ctx) {
        try {
            return cache.facts(root);
        } catch (IOException | SecurityException e) {
            ObjectNode data = Json.object();
            data.put("path", root.toString());
            throw ctx.error("workspace_unreadable", "The workspace " + root + " cannot be read (" + e.getMessage() + ").", data);
        }
    }

    /**
     * The params as the method's record (api's, the one the orchestrator sends). The contract's
     * schema already refused what does not fit; this guards a contract that drifts from the record.
     */
    private static <P> P read(MethodDescriptor<P, ?> method, JsonNode params) {
        try {
            return method.readParams(params);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("", e.getMessage());
        }
    }

    /** Packets as the rules and the planner's own TaskPacket read them (as JSON: the rules are about any shape). */
    private static ArrayNode array(List<ObjectNode> packets) {
        ArrayNode array = Json.array();
        packets.forEach(array::add);
        return array;
    }

    private static ObjectNode findings(PlanRules.Report report) {
        ObjectNode data = Json.object();
        ArrayNode errors = data.putArray("errors");
        report.errors().forEach(f -> errors.add(Json.toNode(f)));
        return data;
    }

    private static ObjectNode feedbackData(String feedback) {
        ObjectNode data = Json.object();
        data.put("feedback", PlanRules.abbreviate(feedback, 500));
        return data;
    }

    private static int positive(Map<String, String> options, CliOption option, int fallback) throws UsageException {
        String value = options.get(option.name());
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option.name() + " needs a whole number ≥ 1, not '" + value + "'");
        }
    }
}
