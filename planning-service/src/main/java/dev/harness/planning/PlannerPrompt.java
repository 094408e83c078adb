package dev.harness.planning;

import dev.harness.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The text an external planner receives on stdin: the objective (or the plan and the feedback),
 * the workspace facts (detected commands, candidate paths), the TaskPacket schema and the plan
 * rules; on a retry, what was wrong with the previous answer.
 */
public final class PlannerPrompt {
    /** A planner gets at most this much of an objective; beyond it the text is cut with a note. */
    static final int MAX_OBJECTIVE_CHARS = 50_000;
    private static final int MAX_CANDIDATE_PATHS = 150;

    private static final String RULES = """
            Plan rules:
            - Return 3 to 7 packets for an ordinary objective. Ids are unique (t1, t2, ...).
            - depends_on lists ids of packets in this plan that must finish first; no cycles. Work that is
              independent has no dependency between its packets so it can run in parallel.
            - Every packet has: id, title, objective, scope (workspace | module | single_file | custom),
              scope_path (a real path relative to the workspace; "." for workspace scope), acceptance_tests,
              depends_on, commit_policy ("single verified commit", or "none" for packets that change nothing),
              escalation_policy ("ask", "skip" or "abort") and timeout_seconds.
            - acceptance_tests are shell commands run in the workspace; all must exit 0 only when the task is
              really done. Prefer the workspace's real commands listed above. Never use true, exit 0 or echo.
            - Never copy text of the objective into a command. Single-quote any path used in a command.
            - Be concrete: say what to change and where; no "improve", "optimize" or "clean up" without specifics.
            """;

    private PlannerPrompt() {}

    public static String decompose(String objective, WorkspaceFacts facts) {
        StringBuilder text = new StringBuilder();
        text.append("You are the planner of a planning-execution harness. Break the objective below into task packets "
                + "that coding agents will carry out one by one, in dependency order.\n")
                .append("Reply with ONLY a JSON array of task packets (or {\"packets\": [...]}), no prose.\n\n")
                .append("Objective:\n<<<\n").append(bounded(objective)).append("\n>>>\n\n");
        appendFacts(text, objective, facts);
        appendRulesAndSchema(text);
        return text.toString();
    }

    public static String refine(List<TaskPacket> packets, String feedback, WorkspaceFacts facts, String objective) {
        StringBuilder text = new StringBuilder();
        text.append("You are the planner of a planning-execution harness. Revise the plan below according to the "
                + "person's feedback, changing only what the feedback asks for.\n")
                .append("Reply with ONLY the complete revised JSON array of task packets (or {\"packets\": [...]}), no prose.\n\n");
        if (objective != null && !objective.isBlank()) {
            text.append("Objective:\n<<<\n").append(bounded(objective)).append("\n>>>\n\n");
        }
        text.append("Current plan:\n").append(TaskPacket.toJson(packets).toPrettyString()).append("\n\n")
                .append("Feedback:\n<<<\n").append(bounded(feedback)).append("\n>>>\n\n");
        if (facts != null) {
            appendFacts(text, objective == null ? feedback : objective, facts);
        }
        appendRulesAndSchema(text);
        return text.toString();
    }

    /** The previous prompt plus why its answer was refused. */
    public static String retry(String prompt, List<String> problems) {
        StringBuilder text = new StringBuilder(prompt);
        text.append("\nYour previous answer was rejected:\n");
        problems.stream().limit(20).forEach(p -> text.append("- ").append(p).append('\n'));
        text.append("Reply again with ONLY the corrected JSON array of task packets.\n");
        return text.toString();
    }

    private static void appendFacts(StringBuilder text, String objective, WorkspaceFacts facts) {
        WorkspaceCommands commands = facts.commands();
        text.append("Workspace: ").append(facts.root()).append('\n')
                .append("Detected toolchains: ").append(commands.toolchains().isEmpty() ? "none"
                        : String.join(", ", commands.toolchainLabels())).append('\n')
                .append("Real commands of this workspace (use them verbatim as acceptance tests where they fit): ")
                .append(commands.allChecks().isEmpty() ? "none detected at the root" : String.join(" ; ", commands.allChecks()))
                .append('\n');
        for (WorkspaceCommands sub : facts.subprojects()) {
            text.append("Commands of the subproject ").append(sub.directory()).append(": ")
                    .append(String.join(" ; ", sub.allChecks())).append('\n');
        }
        List<Area> areas = AreaMatcher.match(ObjectiveTerms.of(ObjectiveText.forMatching(objective)), facts.names(), AreaMatcher.MAX_AREAS);
        if (!areas.isEmpty()) {
            text.append("Paths whose names match the objective:\n");
            for (Area area : areas) {
                text.append("- ").append(area.path());
                area.testFiles().stream().findFirst().flatMap(facts.commandsFor(area.path())::targetedTest)
                        .ifPresent(t -> text.append(" (its tests run alone with: ").append(t).append(")"));
                text.append('\n');
            }
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (String dir : facts.scan().directories()) {
            if (dir.chars().filter(c -> c == '/').count() <= 2) {
                candidates.add(dir + "/");
            }
            if (candidates.size() >= MAX_CANDIDATE_PATHS) {
                break;
            }
        }
        text.append("Directories (candidate scope paths): ")
                .append(candidates.isEmpty() ? "none" : String.join(" ", candidates)).append('\n');
        List<String> notes = new ArrayList<>(facts.notes());
        if (!notes.isEmpty()) {
            text.append("Notes: ").append(String.join(" ", notes)).append('\n');
        }
        text.append('\n');
    }

    private static void appendRulesAndSchema(StringBuilder text) {
        text.append(RULES).append("\nTaskPacket JSON Schema:\n").append(schema()).append('\n');
    }

    private static String bounded(String text) {
        return text.length() <= MAX_OBJECTIVE_CHARS ? text
                : text.substring(0, MAX_OBJECTIVE_CHARS) + "\n[… cut: " + text.length() + " characters in all]";
    }

    private static String schema() {
        try (InputStream in = PlannerPrompt.class.getClassLoader().getResourceAsStream("schemas/task-packet.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/task-packet.schema.json is not on the class path");
            }
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).toPrettyString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the task-packet schema", e);
        }
    }
}
