package dev.harness.api.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.worker.Budget;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One unit of work in a plan (schemas/task-packet.schema.json): what to do, where, and the shell
 * commands that prove it is done. The invariants the schema states are checked here too, so a
 * packet that exists in Java is a valid packet.
 *
 * @param scopePath   path relative to the workspace; required unless the scope is the whole
 *                    workspace (always written, as null when absent, like the planner does)
 * @param dependsOn   ids of packets that must complete first (no duplicates; empty when none)
 * @param verification how well the acceptance tests can tell that the change works (planners set it)
 * @param expectsChange the task is meant to change code (default: when its commit_policy asks for a commit)
 * @param budgetUsd   this task's own spending limit in dollars (the run's budget applies too)
 * @param budgetTokens this task's own limit in tokens, input + output over its attempts
 * @param files       the files the task is expected to change or create, relative to the workspace root
 *                    (optional: null in plans written before it existed; see {@link #fileProblem})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskPacket(
        String id,
        String title,
        String objective,
        String description,
        Scope scope,
        @JsonInclude(JsonInclude.Include.ALWAYS) String scopePath,
        List<String> acceptanceTests,
        List<String> dependsOn,
        String commitPolicy,
        String escalationPolicy,
        VerificationStrength verification,
        Boolean expectsChange,
        Double budgetUsd,
        Long budgetTokens,
        Integer timeoutSeconds,
        List<String> files) {
    /** Bounds of {@code files} (the schema's maxItems and maxLength): a plan table and a prompt stay readable. */
    public static final int MAX_FILES = 50;
    public static final int MAX_FILE_CHARS = 400;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TaskPacket {
        if (id != null && !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("task id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'"
                    + " and start with a letter or digit");
        }
        if (title != null && title.isEmpty()) {
            throw new IllegalArgumentException("task " + id + ": title must not be empty");
        }
        if (objective == null || objective.isEmpty()) {
            throw new IllegalArgumentException("task " + id + ": objective is required");
        }
        if (scope == null) {
            throw new IllegalArgumentException("task " + id + ": scope is required");
        }
        if (scope.needsPath() && (scopePath == null || scopePath.isEmpty())) {
            throw new IllegalArgumentException("task " + id + ": scope " + scope + " needs a scope_path");
        }
        if (acceptanceTests == null) {
            throw new IllegalArgumentException("task " + id + ": acceptance_tests is required");
        }
        for (String test : acceptanceTests) {
            if (test == null || test.isEmpty()) {
                throw new IllegalArgumentException("task " + id + ": an acceptance test is empty");
            }
        }
        acceptanceTests = List.copyOf(acceptanceTests);
        if (dependsOn != null) {
            if (dependsOn.stream().distinct().count() != dependsOn.size()) {
                throw new IllegalArgumentException("task " + id + ": depends_on lists a task twice");
            }
            dependsOn = List.copyOf(dependsOn);
        }
        if (budgetUsd != null && (budgetUsd.isNaN() || budgetUsd <= 0)) {
            throw new IllegalArgumentException("task " + id + ": budget_usd must be more than 0, not " + budgetUsd);
        }
        if (budgetTokens != null && budgetTokens < 1) {
            throw new IllegalArgumentException("task " + id + ": budget_tokens must be at least 1, not " + budgetTokens);
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new IllegalArgumentException("task " + id + ": timeout_seconds must be at least 1");
        }
        if (files != null) {
            if (files.size() > MAX_FILES) {
                throw new IllegalArgumentException("task " + id + ": files lists " + files.size() + " paths; at most " + MAX_FILES);
            }
            if (files.stream().distinct().count() != files.size()) {
                throw new IllegalArgumentException("task " + id + ": files lists a path twice");
            }
            for (String file : files) {
                String problem = fileProblem(file);
                if (problem != null) {
                    throw new IllegalArgumentException("task " + id + ": files entry " + problem);
                }
            }
            files = List.copyOf(files);
        }
    }

    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");
    private static final java.util.regex.Pattern DRIVE = java.util.regex.Pattern.compile("[A-Za-z]:.*");
    private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile("[/\\\\]");

    /**
     * Why a {@code files} entry is not a workspace-relative path, or null when it is one: not
     * empty, not absolute (nor a drive letter), no {@code ..} segment, not starting with '-' (it
     * would read as an option wherever it is passed on), no control characters, at most
     * {@link #MAX_FILE_CHARS} characters. The schema's pattern says the same.
     */
    public static String fileProblem(String file) {
        // the patterns are compiled once and the file shown only in a problem (issue 15): every file of a plan is asked, several times
        if (file == null || file.isEmpty()) {
            return "is empty";
        }
        if (file.length() > MAX_FILE_CHARS) {
            return shown(file) + " is longer than " + MAX_FILE_CHARS + " characters";
        }
        if (file.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return shown(file) + " holds a control character";
        }
        if (file.startsWith("/") || file.startsWith("\\") || DRIVE.matcher(file).matches()) {
            return shown(file) + " is absolute; give it relative to the workspace";
        }
        if (file.startsWith("-")) {
            return shown(file) + " starts with '-'";
        }
        for (String segment : SEPARATOR.split(file)) {
            if (segment.equals("..")) {
                return shown(file) + " leaves the workspace ('..')";
            }
        }
        return null;
    }

    /** The file as a problem names it: abbreviated, control characters as '?'. */
    private static String shown(String file) {
        return "'" + CONTROL.matcher(file.length() > 80 ? file.substring(0, 80) + "…" : file).replaceAll("?") + "'";
    }

    /**
     * The typed view of packets kept as JSON (a plan's digest covers their bytes, so they travel as
     * JSON and are read here).
     *
     * @throws IllegalArgumentException naming the first packet that is not a valid packet
     */
    public static List<TaskPacket> listOf(com.fasterxml.jackson.databind.JsonNode packets) {
        List<TaskPacket> list = new java.util.ArrayList<>(packets.size());
        packets.forEach(p -> list.add(dev.harness.protocol.Json.convert(p, TaskPacket.class)));
        return List.copyOf(list);
    }

    /** The same packet without a spending limit of its own and the given one instead (fewer arguments to spell out). */
    public TaskPacket(String id, String title, String objective, String description, Scope scope, String scopePath,
                      List<String> acceptanceTests, List<String> dependsOn, String commitPolicy, String escalationPolicy,
                      VerificationStrength verification, Boolean expectsChange, Integer timeoutSeconds) {
        this(id, title, objective, description, scope, scopePath, acceptanceTests, dependsOn, commitPolicy, escalationPolicy,
                verification, expectsChange, null, null, timeoutSeconds, null);
    }

    /** A packet without a files list (as plans were written before it existed). */
    public TaskPacket(String id, String title, String objective, String description, Scope scope, String scopePath,
                      List<String> acceptanceTests, List<String> dependsOn, String commitPolicy, String escalationPolicy,
                      VerificationStrength verification, Boolean expectsChange, Double budgetUsd, Long budgetTokens,
                      Integer timeoutSeconds) {
        this(id, title, objective, description, scope, scopePath, acceptanceTests, dependsOn, commitPolicy, escalationPolicy,
                verification, expectsChange, budgetUsd, budgetTokens, timeoutSeconds, null);
    }

    /** files, empty when the packet does not list them. */
    public List<String> expectedFiles() {
        return files == null ? List.of() : files;
    }

    /** This task's own budget (budget_usd / budget_tokens); {@link Budget#NONE} when it has none. */
    public Budget budget() {
        return new Budget(budgetUsd, budgetTokens);
    }

    /** depends_on, empty when the packet has none. */
    public List<String> dependencies() {
        return dependsOn == null ? List.of() : dependsOn;
    }

    /** The title, else the id (what a person sees in tables). */
    public String displayTitle() {
        return title != null && !title.isBlank() ? title : id;
    }
}
