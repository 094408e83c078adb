package dev.harness.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.api.plan.Plan;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.rpc.PlanningMethods;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.render.CommandName;
import dev.harness.orchestrator.render.PlanRenderer;
import dev.harness.orchestrator.service.ServiceKind;
import dev.harness.orchestrator.service.ServiceSet;
import dev.harness.protocol.Json;
import dev.harness.protocol.JsonRpc;
import dev.harness.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code plan OBJECTIVE}: the plan only, in a format for people or machines; nothing is executed. */
@Command(name = "plan", description = "Plan the objective and print the plan; nothing is executed and no run is recorded.")
public final class PlanCommand implements Callable<Integer> {
    enum Format { table, json, mermaid, dot }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table (default; json with --json), json (the packets), mermaid or dot (the dependency graph).")
    Format format;

    @Option(names = "--agent", paramLabel = "AGENT", defaultValue = "none",
            description = "The agent the plan would run with (the table notes when tasks are only verified).")
    String agent;

    @Parameters(arity = "1..*", paramLabel = "OBJECTIVE", description = "What you want done.")
    List<String> objective;

    @ParentCommand
    RunInvocation parent;

    @Override
    public Integer call() throws IOException {
        String text = String.join(" ", objective).strip();
        if (text.isEmpty()) {
            throw OrchestratorException.usage("The objective is empty: say what you want done, e.g. " + CommandName.current() + " plan \"add dark mode\".");
        }
        CommonOptions c = parent.commonOptions();
        Path workspace = c.resolvedWorkspace();
        // no run directory for a plan alone: the service's stderr goes to a temporary file, shown on failure
        Path logs = Files.createTempDirectory("harness-plan-");
        Path stderrLog = logs.resolve("planning-service.stderr.log");
        AtomicReference<Plan> notice = new AtomicReference<>();
        boolean keepLog = false;
        try (ServiceSet services = new ServiceSet(workspace, java.util.Map.of(),
                kind -> ServiceSet.Launch.of(kind, c.serviceOverrides().get(kind), System.getenv(), workspace,
                        List.of(), stderrLog), message -> System.err.println("orchestrator: " + message))) {
            services.onNotification(ServiceKind.PLANNING, m -> {
                try {
                    JsonRpc.notificationParams(m, PlanningMethods.PLAN_CREATED, Plan.class).ifPresent(notice::set);
                } catch (IllegalArgumentException unreadable) {
                    System.err.println("orchestrator: warning: planning-service's plan_created cannot be read: "
                            + unreadable.getMessage());
                }
            });
            JsonNode packets;
            try {
                packets = services.planning().call(PlanningMethods.DECOMPOSE.name(), Json.toNode(new PlanningMethods.DecomposeParams(
                        text, Json.object().put("cwd", workspace.toString()))), Duration.ofMinutes(10));
            } catch (RpcException e) {
                keepLog = true;
                throw new OrchestratorException(e.code() == -32602 ? ExitCode.USAGE : ExitCode.INTERNAL,
                        "planning-service could not plan this objective: " + e.getMessage() + " (its log: " + stderrLog + ")");
            } catch (RuntimeException e) {
                keepLog = true;
                throw e;
            }
            ArrayNode plan = (ArrayNode) packets;
            PlanRenderer renderer = new PlanRenderer();
            // --json promises machine output on stdout: without an explicit --format that is the packets as JSON
            Format shown = format != null ? format : c.json ? Format.json : Format.table;
            String out = switch (shown) {
                case json -> renderer.json(plan);
                case mermaid -> renderer.mermaid(TaskPacket.listOf(plan));
                case dot -> renderer.dot(TaskPacket.listOf(plan));
                default -> renderer.table(TaskPacket.listOf(plan), agent == null || agent.isBlank() || agent.equals("none"));
            };
            System.out.print(out);
            System.out.flush();
            if (notice.get() != null && notice.get().warnings() != null) {
                // the table already says which packets are unverifiable; other formats carry no such line
                List<String> warnings = shown == Format.table
                        ? PlanRenderer.beyondTable(TaskPacket.listOf(plan), notice.get().warnings()) : notice.get().warnings();
                for (String warning : warnings) {
                    System.err.println("warning: plan: " + warning);
                }
            }
            return ExitCode.SUCCESS.code();
        } finally {
            if (!keepLog) {
                Files.deleteIfExists(stderrLog);
                Files.deleteIfExists(logs);
            }
        }
    }
}
