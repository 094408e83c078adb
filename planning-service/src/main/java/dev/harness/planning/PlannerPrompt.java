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

    private static final int MAX_MATCHES = ChangeLocator.MAX_FILES;

    private static final String RULES = """
            Plan rules (a plan a senior engineer would sign):
            - One packet per coherent change: the code and the tests for it together, never a separate
              "write tests" packet. A change to one file is one packet. At most 7 packets; no survey packet.
            - Packets run in parallel only when their work is really independent (different packages, or
              files that do not import each other); otherwise depends_on orders them. No cycles; ids are
              unique (t1, t2, ...).
            - Each change packet's objective names the files to change and tells the agent to add or adjust
              a test that fails before the change and passes after it.
            - acceptance_tests are shell commands run from the workspace root; all must exit 0 only when
              the work is really done. Use the project's own test runner narrowed to the tests that cover
              the packet's change (the targeted checks listed above, one Maven run with -Dtest=A,B per
              module). Run the full suite, build and lint once, in the last packet (or in the only one).
            - Never use a check that passes on an unchanged workspace (test -d, test -f, ls, git status),
              a command that rewrites the tree (formatters, --fix, --write, sed -i, git commit), or true,
              exit 0, echo.
            - Set "verification" on every packet: "targeted" when its checks run the tests that cover its
              change, "suite" when they run a whole suite, "unverifiable" (and acceptance_tests []) when
              the workspace has no test that could check it; never invent a check to fill that gap.
            - scope is workspace | module | single_file | custom and scope_path a real path relative to the
              workspace ("." for the whole workspace) that holds the packet's files and their tests; the
              agent may only change files inside it.
            - files lists the files the packet changes or creates (its code and the tests it adjusts), relative
              to the workspace root, not to scope_path: no absolute path, no "..". Only files that exist, unless
              the packet's objective says to create that file. People approve the plan by this list.
            - commit_policy "single verified commit" for packets that change files, "none" for a packet
              that only checks; escalation_policy "ask"; timeout_seconds (1800 for a change).
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
                .append("Real commands of this workspace (use them verbatim where they fit): ")
                .append(commands.allChecks().isEmpty() ? "none detected at the root" : String.join(" ; ", commands.allChecks()))
                .append('\n');
        for (WorkspaceCommands sub : facts.subprojects()) {
            text.append("Commands of the subproject ").append(sub.directory()).append(": ")
                    .append(String.join(" ; ", sub.allChecks())).append('\n');
        }
        if (facts.packages().isMonorepo()) {
            text.append("Packages of this monorepo (a packet stays inside one and runs its checks there): ")
                    .append(String.join(", ", facts.packages().packages().stream()
                            .map(p -> p.directory() + " (" + p.name() + ")").toList())).append('\n');
        }
        ChangeLocator.Keys keys = ChangeLocator.keys(objective);
        List<ChangeLocator.FileMatch> matches = ChangeLocator.locate(keys, facts, ChangeLocator.projectNames(facts));
        PacketChecks checks = PacketChecks.forObjective(facts, objective);
        if (!matches.isEmpty()) {
            text.append("Where the objective's words are (file names and contents, best first; generated, vendored "
                    + "and data files left out), with the tests that cover each file and the check that runs only those:\n");
            Set<WorkspacePackage> involved = new LinkedHashSet<>();
            for (ChangeLocator.FileMatch match : matches.subList(0, Math.min(MAX_MATCHES, matches.size()))) {
                WorkspacePackage pkg = facts.packages().of(match.path());
                involved.add(pkg);
                List<String> tests = BuiltInPlanner.coveringTests(match, facts, keys).tests();
                PacketChecks.Checks c = checks.forChange(pkg, List.of(match.path()), tests);
                text.append("- ").append(match.evidence()).append('\n')
                        .append("  covering tests: ").append(tests.isEmpty() ? "none yet" : String.join(", ", tests))
                        .append("; check: ").append(c.commands().isEmpty() ? "none (unverifiable)" : String.join(" ; ", c.commands()))
                        .append(" (").append(c.verification().wire()).append(")\n");
            }
            List<String> end = checks.finalChecks(involved);
            text.append("Full suite, build and lint (run once, at the end): ")
                    .append(end.isEmpty() ? "none" : String.join(" ; ", end)).append('\n');
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
