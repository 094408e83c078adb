package dev.harness.planning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The offline, deterministic planner: survey and baseline → one implementation task per area the
 * objective names (parallel, each checked by the tests that cover its area) → tests → verification
 * with every check the workspace has. Acceptance tests are built only from detected commands and
 * real paths (single-quoted); the objective's text never reaches a command.
 */
public final class BuiltInPlanner {
    private static final List<String> SOURCE_ROOTS = List.of("src", "lib", "app", "pkg", "internal", "source");
    private static final List<String> TEST_ROOTS = List.of("test", "tests", "__tests__", "spec", "src/test");
    private static final int SURVEY_TIMEOUT = 600;
    private static final int IMPLEMENT_TIMEOUT = 1800;
    private static final int VERIFY_TIMEOUT = 900;

    public PlanDraft plan(String objective, WorkspaceFacts facts, Integer maxPackets) {
        List<String> warnings = new ArrayList<>(facts.notes());
        String shortObjective = ObjectiveText.shorten(objective, ObjectiveText.TITLE_CHARS);
        String quoted = ObjectiveText.quote(objective);
        if (objective.strip().length() > ObjectiveText.QUOTE_CHARS) {
            warnings.add("The objective is " + objective.strip().length() + " characters long; packets quote its first "
                    + ObjectiveText.QUOTE_CHARS + " and titles its first " + ObjectiveText.TITLE_CHARS + ".");
        }

        int budget = maxPackets == null ? PlanRules.MAX_PACKETS : maxPackets;
        String testRoot = firstExisting(facts.names(), TEST_ROOTS);
        List<String> terms = ObjectiveTerms.of(ObjectiveText.forMatching(objective));
        List<Area> allAreas = AreaMatcher.match(terms, facts.names(), AreaMatcher.MAX_AREAS);
        List<WorkspaceCommands> involved = involved(allAreas, facts);
        List<String> allTests = collect(involved, WorkspaceCommands::testCommands);
        boolean withSurvey = budget >= 3;
        boolean withTests = budget >= 4 && !allTests.isEmpty();
        boolean withVerify = budget >= 2;
        int areaBudget = Math.max(1, Math.min(AreaMatcher.MAX_AREAS,
                budget - (withSurvey ? 1 : 0) - (withTests ? 1 : 0) - (withVerify ? 1 : 0)));

        List<Area> areas = allAreas.subList(0, Math.min(areaBudget, allAreas.size()));
        if (areas.size() < allAreas.size()) {
            warnings.add("max_packets " + budget + " leaves room for " + areas.size() + " implementation task(s); not planned: "
                    + String.join(", ", allAreas.subList(areas.size(), allAreas.size()).stream().map(Area::path).toList()) + ".");
        }
        if (maxPackets != null && maxPackets < PlanRules.MIN_PACKETS) {
            warnings.add("max_packets " + maxPackets + " is below the usual " + PlanRules.MIN_PACKETS
                    + " packets; survey and separate test tasks were folded away.");
        }
        String fallbackScope = null;
        if (areas.isEmpty()) {
            fallbackScope = firstExisting(facts.names(), SOURCE_ROOTS);
            if (!facts.scan().isEmpty()) {
                warnings.add("No directory or file name matched the objective's words"
                        + (terms.isEmpty() ? "" : " (" + String.join(", ", terms.subList(0, Math.min(8, terms.size()))) + ")")
                        + "; the implementation task covers " + (fallbackScope == null ? "the whole workspace" : fallbackScope) + ".");
            }
        }

        List<TaskPacket> packets = new ArrayList<>();
        List<String> surveyDeps = new ArrayList<>();
        if (withSurvey) {
            String id = "t" + (packets.size() + 1);
            packets.add(survey(id, shortObjective, quoted, areas, fallbackScope, facts, allTests));
            surveyDeps.add(id);
        }
        List<String> implementationIds = new ArrayList<>();
        if (areas.isEmpty()) {
            String id = "t" + (packets.size() + 1);
            packets.add(implementWithoutArea(id, shortObjective, quoted, fallbackScope, surveyDeps, facts, allTests));
            implementationIds.add(id);
        }
        for (Area area : areas) {
            String id = "t" + (packets.size() + 1);
            packets.add(implement(id, shortObjective, quoted, area, surveyDeps, facts));
            implementationIds.add(id);
        }
        List<String> verifyDeps = implementationIds;
        if (withTests) {
            String id = "t" + (packets.size() + 1);
            packets.add(tests(id, shortObjective, quoted, testRoot, implementationIds, allTests));
            verifyDeps = List.of(id);
        }
        if (withVerify) {
            String id = "t" + (packets.size() + 1);
            packets.add(verify(id, shortObjective, quoted, areas, fallbackScope, verifyDeps, facts,
                    collect(involved, WorkspaceCommands::allChecks)));
        }
        return new PlanDraft(packets, warnings, PlanDraft.BUILT_IN);
    }

    private TaskPacket survey(String id, String shortObjective, String quoted, List<Area> areas, String fallbackScope,
                              WorkspaceFacts facts, List<String> baseline) {
        List<String> paths = areas.stream().map(Area::path).toList();
        String where = paths.isEmpty() ? (fallbackScope == null ? "the workspace" : fallbackScope) : String.join(", ", paths);
        List<String> checks = new ArrayList<>(baseline);
        for (String path : paths.isEmpty() && fallbackScope != null ? List.of(fallbackScope) : paths) {
            checks.add(existenceCheck(path, facts));
        }
        if (checks.isEmpty()) {
            checks.add("test -r . && test -w ."); // the worker can read the workspace and write its changes there
        }
        String objective = "Before changing anything, read " + where + " and the tests that cover "
                + (paths.size() > 1 ? "them" : "it") + ", decide where the change "
                + "goes, and confirm the existing checks pass (the baseline). Overall objective: " + quoted;
        return new TaskPacket(id, "Survey " + ObjectiveText.shorten(where, 40) + " and confirm the baseline", objective,
                toolchainSummary(facts),
                "workspace", ".", checks, List.of(), "none", TaskPacket.DEFAULT_ESCALATION_POLICY, SURVEY_TIMEOUT, null);
    }

    private TaskPacket implement(String id, String shortObjective, String quoted, Area area, List<String> deps,
                                 WorkspaceFacts facts) {
        WorkspaceCommands commands = facts.commandsFor(area.path());
        List<String> checks = new ArrayList<>();
        for (String test : area.testFiles()) {
            commands.targetedTest(test).ifPresent(checks::add);
        }
        if (checks.isEmpty()) {
            checks.addAll(commands.testCommands());
        }
        if (checks.isEmpty()) {
            checks.add(existenceCheck(area.path(), facts));
            if (facts.gitRepository()) {
                checks.add(changedCheck(area.path()));
            }
        }
        String tests = area.testFiles().isEmpty() ? "" : " Tests that cover it: " + String.join(", ", area.testFiles()) + ".";
        String objective = "Make the changes in " + area.path() + " that this objective needs, keeping its existing behaviour "
                + "working." + tests + " Overall objective: " + quoted;
        String name = area.path().substring(area.path().lastIndexOf('/') + 1);
        String why = area.score() >= 2 && area.matchedTerms().size() * 2 <= area.score()
                ? "Chosen because its name (" + name + ") appears in the objective."
                : "Chosen because its name (" + name + ") is related to the objective's words.";
        return new TaskPacket(id, capitalized(ObjectiveText.shorten(shortObjective, 50)) + ": changes in " + area.path(), objective,
                why,
                area.scope(), area.path(), checks, deps, TaskPacket.DEFAULT_COMMIT_POLICY,
                TaskPacket.DEFAULT_ESCALATION_POLICY, IMPLEMENT_TIMEOUT, null);
    }

    private TaskPacket implementWithoutArea(String id, String shortObjective, String quoted, String scopePath,
                                            List<String> deps, WorkspaceFacts facts, List<String> tests) {
        List<String> checks = new ArrayList<>(tests);
        if (checks.isEmpty()) {
            if (scopePath != null) {
                checks.add(existenceCheck(scopePath, facts));
            }
            checks.add(facts.gitRepository() ? changedCheck(scopePath == null ? "." : scopePath)
                    : scopePath == null ? "test -n \"$(ls -A .)\"" : "test -n \"$(ls -A " + ShellQuote.quote(scopePath) + ")\"");
        }
        String where = scopePath == null ? "the workspace" : scopePath;
        String objective = "Make the changes in " + where + " that this objective needs. Overall objective: " + quoted;
        return new TaskPacket(id, capitalized(shortObjective), objective, null,
                scopePath == null ? "workspace" : "module", scopePath == null ? "." : scopePath, checks, deps,
                TaskPacket.DEFAULT_COMMIT_POLICY, TaskPacket.DEFAULT_ESCALATION_POLICY, IMPLEMENT_TIMEOUT, null);
    }

    private TaskPacket tests(String id, String shortObjective, String quoted, String testRoot, List<String> deps,
                             List<String> testCommands) {
        String objective = "Add or update tests" + (testRoot == null ? "" : " in " + testRoot)
                + " that show the change works, and make the whole test suite pass. Overall objective: " + quoted;
        return new TaskPacket(id, "Cover with tests: " + shortObjective, objective, null,
                testRoot == null ? "workspace" : "module", testRoot == null ? "." : testRoot, testCommands, deps,
                TaskPacket.DEFAULT_COMMIT_POLICY, TaskPacket.DEFAULT_ESCALATION_POLICY, IMPLEMENT_TIMEOUT, null);
    }

    private TaskPacket verify(String id, String shortObjective, String quoted, List<Area> areas, String fallbackScope,
                              List<String> deps, WorkspaceFacts facts, List<String> allChecks) {
        List<String> checks = new ArrayList<>(allChecks);
        if (checks.isEmpty()) {
            List<String> paths = areas.isEmpty() ? (fallbackScope == null ? List.of() : List.of(fallbackScope))
                    : areas.stream().map(Area::path).toList();
            for (String path : paths) {
                checks.add(existenceCheck(path, facts));
            }
            // no leftover merge-conflict markers anywhere in the work
            checks.add(facts.gitRepository() ? "git diff --check"
                    : "! grep -rIlE --exclude-dir=.git '^(<<<<<<<|>>>>>>>) ' .");
            if (paths.isEmpty()) {
                checks.add("test -n \"$(ls -A .)\"");
            }
        }
        String objective = "Check the finished work end to end: run every build, lint and test command of the workspace "
                + "and fix what fails. Overall objective: " + quoted;
        return new TaskPacket(id, "Verify end to end: " + shortObjective, objective, null,
                "workspace", ".", new ArrayList<>(new LinkedHashSet<>(checks)), deps, "none",
                TaskPacket.DEFAULT_ESCALATION_POLICY, VERIFY_TIMEOUT, null);
    }

    /**
     * Whose commands the plan runs: the root's, plus each subproject an area lies in (or, when the
     * root has none and no area pins one down, every subproject).
     */
    private static List<WorkspaceCommands> involved(List<Area> areas, WorkspaceFacts facts) {
        LinkedHashSet<WorkspaceCommands> involved = new LinkedHashSet<>();
        involved.add(facts.commands());
        for (Area area : areas) {
            involved.add(facts.commandsFor(area.path()));
        }
        if (involved.size() == 1 && facts.commands().isEmpty()) {
            involved.addAll(facts.subprojects());
        }
        return new ArrayList<>(involved);
    }

    private static List<String> collect(List<WorkspaceCommands> sets, java.util.function.Function<WorkspaceCommands, List<String>> what) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        sets.forEach(set -> all.addAll(what.apply(set)));
        return new ArrayList<>(all);
    }

    private static String toolchainSummary(WorkspaceFacts facts) {
        List<String> parts = new ArrayList<>();
        if (!facts.commands().toolchains().isEmpty()) {
            parts.add(String.join(", ", facts.commands().toolchainLabels()));
        }
        facts.subprojects().forEach(s -> parts.add(String.join(", ", s.toolchainLabels()) + " in " + s.directory()));
        return "Detected toolchains: " + (parts.isEmpty() ? "none" : String.join("; ", parts)) + ".";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String existenceCheck(String path, WorkspaceFacts facts) {
        boolean directory = facts.names().isDirectory(path);
        return (directory ? "test -d " : "test -f ") + ShellQuote.quote(path);
    }

    /** The task left changes (tracked or new files) inside its scope. */
    private static String changedCheck(String path) {
        return "test -n \"$(git status --porcelain -- " + ShellQuote.quote(path) + ")\"";
    }

    private static String firstExisting(NameIndex names, List<String> candidates) {
        for (String candidate : candidates) {
            if (names.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
