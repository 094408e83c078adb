package dev.harness.planning;

import dev.harness.api.plan.PlanFinding;
import dev.harness.api.plan.PlanReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import dev.harness.protocol.Violation;
import dev.harness.protocol.graph.DependencyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The plan rules of PIPELINE.md as one pure function over packets (JSON, as a client sent them):
 * errors make a plan unusable (duplicate ids, unknown dependencies, cycles, schema errors, a
 * missing scope_path), warnings are worth a person's look (size, vagueness, missing or trivial
 * acceptance tests). Decompose, refine and validate all go through here.
 */
public final class PlanRules {
    public static final int MIN_PACKETS = 3;
    public static final int MAX_PACKETS = 7;
    private static final int MAX_CYCLES_REPORTED = 10;

    private static final Set<String> SCOPES_NEEDING_PATH = Set.of("module", "single_file", "custom");
    private static final Pattern VAGUE = Pattern.compile(
            "\\b(improve|improvements?|optimi[sz]e|optimi[sz]ations?|clean\\s*up|cleanup|tidy|polish|enhance|"
                    + "refactor|better|stuff|things|misc|various|general)\\b");
    /** Something specific: a path, a file name, an identifier, a quoted or code term, a number. */
    private static final Pattern CONCRETE = Pattern.compile(
            "[\\w.-]+/[\\w./-]*|\\b\\w+\\.[a-z]{1,5}\\b|\\b[a-z]+[A-Z]\\w*|\\b\\w+_\\w+|`[^`]+`|\"[^\"]+\"|\\b\\d+\\b");
    /**
     * Every VAGUE match contains one of these as a whole word (as \\b sees words), so text without
     * any is not vague: decided in one scan, without the regex, for almost every packet.
     */
    private static final List<String> VAGUE_WORDS = List.of("improve", "improvement", "improvements", "optimise",
            "optimize", "optimisation", "optimization", "optimisations", "optimizations", "clean", "cleanup", "tidy",
            "polish", "enhance", "refactor", "better", "stuff", "things", "misc", "various", "general");
    private static final int[] VAGUE_WORD_HASHES = VAGUE_WORDS.stream().mapToInt(String::hashCode).sorted().toArray();
    /** What a TRIVIAL_TEST match starts with (after blanks). */
    private static final List<String> TRIVIAL_STARTS = List.of("true", ":", "exit", "echo", "printf", "/bin/true", "sleep");
    private static final Pattern TRIVIAL_TEST = Pattern.compile(
            "^\\s*(true|:|exit\\s+0|echo\\b[^|;&]*|printf\\b[^|;&]*|/bin/true|sleep\\s+\\d+)\\s*;?\\s*$");

    private PlanRules() {}

    /** What the rules say about a plan. */
    public record Report(List<PlanFinding> errors, List<PlanFinding> warnings) {
        public boolean valid() {
            return errors.isEmpty();
        }

        /** validate's answer (api's PlanReport, the record the orchestrator reads it as). */
        public PlanReport toReport() {
            return new PlanReport(valid(), errors, warnings);
        }

        public ObjectNode toJson() {
            return (ObjectNode) Json.toNode(toReport());
        }

        public List<String> errorMessages() {
            return errors.stream().map(PlanFinding::message).toList();
        }

        public List<String> warningMessages() {
            return warnings.stream().map(PlanFinding::message).toList();
        }
    }

    public static Report check(List<TaskPacket> packets) {
        return check(TaskPacket.toJson(packets));
    }

    public static Report check(ArrayNode packets) {
        return check(packets, true);
    }

    /**
     * The rules for packets this service built itself (the built-in planner's): everything but the
     * per-packet schema pass, which such packets meet by construction and the dispatcher applies to
     * the result again anyway. Anything from outside (clients, an external planner) goes through check.
     */
    public static Report checkOwn(ArrayNode packets) {
        return check(packets, false);
    }

    private static Report check(ArrayNode packets, boolean againstSchema) {
        List<PlanFinding> errors = new ArrayList<>();
        List<PlanFinding> warnings = new ArrayList<>();
        if (packets.isEmpty()) {
            errors.add(new PlanFinding("empty_plan", "The plan has no packets.", null, "/packets"));
            return new Report(errors, warnings);
        }
        int size = packets.size();
        if (size > MAX_PACKETS) {
            warnings.add(new PlanFinding("plan_size", "The plan has " + size + " packets; an ordinary objective takes at most "
                    + MAX_PACKETS + " (one per coherent change, code and tests together).", null, "/packets"));
        }

        Map<String, Integer> indexById = new LinkedHashMap<>();
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            JsonNode packet = packets.get(i);
            String base = "/packets/" + i;
            if (!packet.isObject()) {
                errors.add(new PlanFinding("schema", "Packet #" + (i + 1) + " is not a JSON object.", null, base));
                continue;
            }
            String id = packet.path("id").isTextual() ? packet.get("id").asText() : null;
            String name = id != null ? "Packet " + id : "Packet #" + (i + 1);
            checkSchema(packet, base, id, name, errors, againstSchema);
            if (id == null) {
                warnings.add(new PlanFinding("missing_id", name + " has no id, so nothing can depend on it (refine assigns one).",
                        null, base + "/id"));
            } else if (indexById.containsKey(id)) {
                errors.add(new PlanFinding("duplicate_id", "Packets #" + (indexById.get(id) + 1) + " and #" + (i + 1)
                        + " share the id '" + id + "'; ids must be unique in a plan.", id, base + "/id"));
            } else {
                indexById.put(id, i);
                edges.put(id, new ArrayList<>());
            }
            checkContent(packet, base, id, name, warnings);
        }

        for (int i = 0; i < size; i++) {
            JsonNode packet = packets.get(i);
            String id = packet.path("id").isTextual() ? packet.get("id").asText() : null;
            JsonNode deps = packet.path("depends_on");
            if (!deps.isArray()) {
                continue;
            }
            for (int d = 0; d < deps.size(); d++) {
                String dep = deps.get(d).asText();
                if (!indexById.containsKey(dep)) {
                    errors.add(new PlanFinding("unknown_dependency", (id != null ? "Packet " + id : "Packet #" + (i + 1))
                            + " depends on '" + dep + "', which is not in the plan.", id, "/packets/" + i + "/depends_on/" + d));
                } else if (id != null && indexById.get(id) == i && !edges.get(id).contains(dep)) {
                    edges.get(id).add(dep);
                }
            }
        }
        checkPlanChecks(packets, warnings);
        for (List<String> cycle : cycles(edges)) {
            String spelled = String.join(" → ", cycle);
            errors.add(new PlanFinding("cycle", "Dependency cycle: " + spelled + ".", cycle.get(0),
                    "/packets/" + indexById.get(cycle.get(0)) + "/depends_on"));
        }
        return new Report(errors, warnings);
    }

    private static void checkSchema(JsonNode packet, String base, String id, String name, List<PlanFinding> errors,
                                    boolean againstSchema) {
        String scope = packet.path("scope").asText("");
        JsonNode scopePath = packet.get("scope_path");
        boolean missingPath = SCOPES_NEEDING_PATH.contains(scope)
                && (scopePath == null || !scopePath.isTextual() || scopePath.asText().isBlank());
        if (missingPath) {
            errors.add(new PlanFinding("missing_scope_path", name + " has scope '" + scope
                    + "' but no scope_path; say which path it works on.", id, base + "/scope_path"));
        }
        if (!againstSchema) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Violation v : SchemaCatalog.shared().named("task-packet").validate(packet)) {
            if (missingPath && (v.path().endsWith("/scope_path") || v.message().contains("scope_path") || v.path().equals("/"))
                    && !v.message().contains("required property 'objective'")
                    && !v.message().contains("required property 'scope'")
                    && !v.message().contains("required property 'acceptance_tests'")) {
                continue; // already said, more plainly
            }
            String path = base + (v.path().equals("/") ? "" : v.path());
            if (seen.add(path + v.message())) {
                errors.add(new PlanFinding("schema", name + ": " + v.message() + " (at " + path + ").", id, path));
            }
        }
    }

    private static void checkContent(JsonNode packet, String base, String id, String name, List<PlanFinding> warnings) {
        JsonNode tests = packet.path("acceptance_tests");
        boolean unverifiable = "unverifiable".equals(packet.path("verification").asText());
        if (!tests.isArray() || tests.isEmpty()) {
            if (unverifiable) {
                // one fact, one line: the unverifiable finding below already says nothing checks it
            } else {
                warnings.add(new PlanFinding("no_acceptance_tests", name + " has no acceptance tests, so nothing checks that it is done.",
                        id, base + "/acceptance_tests"));
            }
        } else {
            for (int t = 0; t < tests.size(); t++) {
                String command = tests.get(t).asText();
                if (isTrivialTest(command)) {
                    warnings.add(new PlanFinding("trivial_acceptance_test", name + "'s acceptance test '" + abbreviate(command, 60)
                            + "' always passes and checks nothing.", id, base + "/acceptance_tests/" + t));
                } else if (CheckCommand.cannotFail(command)) {
                    warnings.add(new PlanFinding("check_cannot_fail", name + "'s acceptance test '" + abbreviate(command, 60)
                            + "' only looks at what already exists, so it passes on an unchanged workspace; use a test that "
                            + "exercises the change.", id, base + "/acceptance_tests/" + t));
                }
                String rewrite = CheckCommand.rewritesTree(command);
                if (rewrite != null) {
                    warnings.add(new PlanFinding("check_rewrites_tree", name + "'s acceptance test '" + abbreviate(command, 60)
                            + "' changes the workspace (" + rewrite + "); a check must only read it (use the tool's check mode).",
                            id, base + "/acceptance_tests/" + t));
                }
            }
        }
        if (unverifiable) {
            warnings.add(new PlanFinding("unverifiable", name + " is unverifiable: no check can tell that its change works, "
                    + "so completing it proves nothing; review its change yourself.", id, base + "/verification"));
        }
        String text = (packet.path("title").asText("") + " " + packet.path("objective").asText("")).trim();
        if (isVague(text, packet.path("scope").asText(""), packet.path("scope_path").asText(""))) {
            warnings.add(new PlanFinding("vague_packet", name + " is vague ('" + abbreviate(text, 60)
                    + "'): say what to change and where.", id, base + "/objective"));
        }
        String scopePath = packet.path("scope_path").asText("");
        if (scopePath.startsWith("/") || scopePath.equals("..") || scopePath.startsWith("../") || scopePath.contains("/../")) {
            warnings.add(new PlanFinding("scope_outside_workspace", name + "'s scope_path '" + abbreviate(scopePath, 80)
                    + "' is not a path inside the workspace.", id, base + "/scope_path"));
        }
    }

    /**
     * Whole-plan findings about checks: the same suite run by several packets (run it once, at
     * the end), and Maven started once per test class where one -Dtest=A,B per module would do.
     */
    private static void checkPlanChecks(ArrayNode packets, List<PlanFinding> warnings) {
        Map<String, List<String>> packetsByCommand = new LinkedHashMap<>();
        Map<String, List<String>> mavenTestRunsByModule = new LinkedHashMap<>();
        for (int i = 0; i < packets.size(); i++) {
            JsonNode packet = packets.get(i);
            String label = packet.path("id").isTextual() ? packet.get("id").asText() : "#" + (i + 1);
            JsonNode tests = packet.path("acceptance_tests");
            if (!tests.isArray()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (JsonNode test : tests) {
                String command = ObjectiveText.collapseWhitespace(test.asText()).strip();
                if (seen.add(command) && !CheckCommand.isTargeted(command)) {
                    packetsByCommand.computeIfAbsent(command, k -> new ArrayList<>()).add(label);
                }
                String module = CheckCommand.mavenTestModule(command);
                if (module != null) {
                    mavenTestRunsByModule.computeIfAbsent(module, k -> new ArrayList<>()).add(label);
                }
            }
        }
        packetsByCommand.forEach((command, labels) -> {
            if (labels.size() > 1) {
                warnings.add(new PlanFinding("repeated_suite", "The same check '" + abbreviate(command, 60) + "' runs in "
                        + labels.size() + " packets (" + String.join(", ", labels) + "); run each packet's own tests and the "
                        + "full suite once, at the end.", null, "/packets"));
            }
        });
        mavenTestRunsByModule.forEach((module, labels) -> {
            if (labels.size() > 1) {
                warnings.add(new PlanFinding("maven_per_class", "Maven is started " + labels.size() + " times for test classes of "
                        + (module.isEmpty() ? "the build" : "module " + module) + " (" + String.join(", ", labels)
                        + "); one run with -Dtest=A,B per module does the same.", null, "/packets"));
            }
        });
    }

    /** A command that always passes: true, :, exit 0, echo …, printf …, sleep N. */
    static boolean isTrivialTest(String command) {
        String start = command.stripLeading();
        for (String word : TRIVIAL_STARTS) {
            if (start.startsWith(word)) {
                return TRIVIAL_TEST.matcher(command).matches();
            }
        }
        return false; // every trivial form starts with one of those words: no regex for ordinary commands
    }

    /** Vague: a vague verb with nothing concrete about what or where. */
    static boolean isVague(String text, String scope, String scopePath) {
        if (!mayBeVague(text)) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!VAGUE.matcher(lower).find()) {
            return false;
        }
        boolean scoped = !scope.equals("workspace") && !scopePath.isBlank() && !scopePath.equals(".");
        if (scoped || CONCRETE.matcher(text).find()) {
            return false;
        }
        long contentWords = ObjectiveTerms.contentWords(lower).stream()
                .filter(w -> !VAGUE.matcher(w).matches())
                .distinct()
                .count();
        return contentWords <= 2;
    }

    /**
     * Every elementary cycle reachable by DFS (one per back edge, deduplicated by members), each
     * closed: a → b → a. Iterative, so a 100,000-packet chain in any order needs no deep stack.
     */
    static List<List<String>> cycles(Map<String, List<String>> edges) {
        List<List<String>> found = new ArrayList<>();
        Set<Set<String>> seenMembers = new HashSet<>();
        Map<String, Integer> state = new HashMap<>(); // absent = new, 1 = on stack, 2 = done
        List<String> stack = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>(); // index in stack of nodes on it
        java.util.ArrayDeque<int[]> cursors = new java.util.ArrayDeque<>(); // next edge index per stack frame
        for (String start : edges.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            state.put(start, 1);
            position.put(start, 0);
            stack.add(start);
            cursors.push(new int[] {0});
            while (!stack.isEmpty()) {
                String node = stack.get(stack.size() - 1);
                List<String> next = edges.getOrDefault(node, List.of());
                int[] cursor = cursors.peek();
                if (cursor[0] < next.size()) {
                    String to = next.get(cursor[0]++);
                    Integer s = state.get(to);
                    if (s == null) {
                        state.put(to, 1);
                        position.put(to, stack.size());
                        stack.add(to);
                        cursors.push(new int[] {0});
                    } else if (s == 1 && found.size() < MAX_CYCLES_REPORTED) {
                        List<String> cycle = new ArrayList<>(stack.subList(position.get(to), stack.size()));
                        if (seenMembers.add(new HashSet<>(cycle))) {
                            cycle.add(to);
                            found.add(cycle);
                        }
                    }
                } else {
                    stack.remove(stack.size() - 1);
                    position.remove(node);
                    cursors.pop();
                    state.put(node, 2);
                }
            }
        }
        return found;
    }

    /** Packets ordered so every dependency comes first (stable: plan order breaks ties); null when there is a cycle. */
    public static List<TaskPacket> topologicalOrder(List<TaskPacket> packets) {
        return DependencyOrder.of(packets, TaskPacket::id, TaskPacket::dependsOn)
                instanceof DependencyOrder.Ordered<TaskPacket> ordered ? ordered.items() : null;
    }

    /** True when {@code from} waits, directly or not, on {@code to}. */
    public static boolean reaches(List<TaskPacket> packets, String from, String to) {
        Map<String, List<String>> deps = new HashMap<>();
        packets.forEach(p -> deps.put(p.id(), p.dependsOn()));
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(deps.getOrDefault(from, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(deps.getOrDefault(next, List.of()));
            }
        }
        return false;
    }

    /**
     * Whether one of VAGUE_WORDS occurs in {@code text} as a whole word (as \\b sees words), in one
     * pass that compares word hashes (a rare false hit only costs the regex that follows). ASCII is
     * lowercased on the fly; text with other letters is lowercased first, as the regex sees it.
     */
    static boolean mayBeVague(String text) {
        return hasVagueWord(text, false);
    }

    private static boolean hasVagueWord(String text, boolean lowered) {
        int hash = 0;
        int length = 0;
        for (int i = 0, n = text.length(); i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            boolean wordChar;
            if (c < 128) {
                c = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                wordChar = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            } else if (!lowered && (Character.isLetterOrDigit(c) || Character.toLowerCase(c) != c || Character.isSurrogate(c))) {
                return hasVagueWord(text.toLowerCase(Locale.ROOT), true); // İ and friends change length when lowercased
            } else {
                wordChar = Character.isLetterOrDigit(c); // … or → between words
            }
            if (wordChar) {
                hash = 31 * hash + c; // String.hashCode of the lowercased word
                length++;
                continue;
            }
            if (length >= 4 && length <= 13 && Arrays.binarySearch(VAGUE_WORD_HASHES, hash) >= 0) {
                return true;
            }
            hash = 0;
            length = 0;
        }
        return false;
    }

    static String abbreviate(String text, int max) {
        String oneLine = ObjectiveText.collapseWhitespace(text).trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
