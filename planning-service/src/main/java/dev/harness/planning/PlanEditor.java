package dev.harness.planning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies PlanEdits to packets. Tasks are found the way people name them: "task 2", "the second
 * task", an id, or words of the title/objective/scope path ("the toggle UI"). Results are not
 * validated here; refine runs PlanRules on them.
 */
public final class PlanEditor {
    private static final Pattern BY_NUMBER = Pattern.compile("^(?:the\\s+)?(?:task|step|packet|item|number|no\\.?|#)\\s*#?(\\d+)$");
    private static final Map<String, Integer> ORDINALS = Map.of("first", 1, "second", 2, "third", 3, "fourth", 4,
            "fifth", 5, "sixth", 6, "seventh", 7, "eighth", 8, "ninth", 9, "tenth", 10);
    private static final Pattern BY_ORDINAL = Pattern.compile("^(?:the\\s+)?(\\w+)\\s+(?:task|step|packet|one)$");
    private static final Set<String> NOISE = Set.of("task", "step", "packet", "work", "one", "part", "item", "thing",
            "job", "bit", "stuff", "do", "run", "doing", "tasks");
    private static final Pattern FILE_LIKE = Pattern.compile(".*/?[^/]+\\.[A-Za-z0-9]{1,6}$");

    /** The files a new task is expected to change, found from its words within its scope path ("." the whole workspace). */
    @FunctionalInterface
    public interface NewTaskFiles {
        List<String> find(String words, String scopePath);
    }

    private final List<TaskPacket> packets;
    private final List<String> notes = new ArrayList<>();
    private final Path workspace;
    private final NewTaskFiles newTaskFiles;

    /** {@code workspace} (may be null) lets scope changes be checked against real paths. */
    public PlanEditor(List<TaskPacket> packets, Path workspace) {
        this(packets, workspace, null);
    }

    /** {@code newTaskFiles} (may be null: no workspace to look in) fills the files of the tasks feedback adds. */
    public PlanEditor(List<TaskPacket> packets, Path workspace, NewTaskFiles newTaskFiles) {
        this.packets = new ArrayList<>(normalize(packets));
        this.workspace = workspace;
        this.newTaskFiles = newTaskFiles;
    }

    /**
     * Fills what a planned packet needs and a client may have left out: ids, titles and policies
     * (depends_on defaults to none; an absent scope_path is written as null, the whole workspace).
     */
    public static List<TaskPacket> normalize(List<TaskPacket> input) {
        Set<String> used = new HashSet<>();
        input.forEach(p -> {
            if (p.id() != null) {
                used.add(p.id());
            }
        });
        List<TaskPacket> out = new ArrayList<>();
        int next = 1;
        for (TaskPacket p : input) {
            TaskPacket q = p;
            if (q.id() == null) {
                while (used.contains("t" + next)) {
                    next++;
                }
                used.add("t" + next);
                q = q.withId("t" + next);
            }
            if (q.title() == null || q.title().isBlank()) {
                q = q.withTitle(ObjectiveText.shorten(q.objective() == null ? q.id() : q.objective(), ObjectiveText.TITLE_CHARS));
            }
            q = q.withPolicies(q.commitPolicy() == null ? TaskPacket.DEFAULT_COMMIT_POLICY : q.commitPolicy(),
                    q.escalationPolicy() == null ? TaskPacket.DEFAULT_ESCALATION_POLICY : q.escalationPolicy());
            out.add(q);
        }
        return out;
    }

    public List<TaskPacket> packets() {
        return List.copyOf(packets);
    }

    /** What the edits did that a person should know (e.g. an order that already held). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public PlanEditor apply(List<PlanEdit> edits) throws FeedbackNotUnderstood {
        for (PlanEdit edit : edits) {
            apply(edit);
        }
        return this;
    }

    private void apply(PlanEdit edit) throws FeedbackNotUnderstood {
        // Java 17: no pattern matching in switch yet
        if (edit instanceof PlanEdit.Drop d) {
            drop(find(d.task()));
        } else if (edit instanceof PlanEdit.Order o) {
            String then = find(o.then());
            String first = findOrNull(o.first());
            order(first != null ? first : addNamed(o.first(), then), then);
        } else if (edit instanceof PlanEdit.Unblock u) {
            unblock(find(u.task()), find(u.on()), true);
        } else if (edit instanceof PlanEdit.Depend d) {
            depend(find(d.task()), find(d.on()));
        } else if (edit instanceof PlanEdit.First f) {
            first(find(f.task()));
        } else if (edit instanceof PlanEdit.Add a) {
            add(a);
        } else if (edit instanceof PlanEdit.SetScope s) {
            setScope(find(s.task()), FeedbackParser.cleanPath(s.path()));
        } else if (edit instanceof PlanEdit.SetTests t) {
            setTests(find(t.task()), t.commands(), t.append());
        }
    }

    private void drop(String id) throws FeedbackNotUnderstood {
        TaskPacket dropped = byId(id);
        if (packets.size() == 1) {
            throw new FeedbackNotUnderstood("Dropping " + id + " would leave an empty plan; reject the plan instead.");
        }
        packets.remove(dropped);
        for (int i = 0; i < packets.size(); i++) {
            TaskPacket p = packets.get(i);
            if (p.dependsOn().contains(id)) {
                Set<String> deps = new LinkedHashSet<>(p.dependsOn());
                deps.remove(id);
                deps.addAll(dropped.dependsOn()); // keep waiting on what the dropped task waited on
                packets.set(i, p.withDependsOn(new ArrayList<>(deps)));
            }
        }
    }

    private void order(String first, String then) throws FeedbackNotUnderstood {
        sameTask(first, then);
        if (PlanRules.reaches(packets, then, first)) {
            notes.add(first + " already runs before " + then + ".");
            moveBefore(first, then);
            return;
        }
        unblock(first, then, false);
        TaskPacket later = byId(then);
        Set<String> deps = new LinkedHashSet<>(later.dependsOn());
        deps.add(first);
        replace(later.withDependsOn(new ArrayList<>(deps)));
        moveBefore(first, then);
    }

    /** {@code task} stops waiting on {@code on}: drops every prerequisite that leads to it, inherits its prerequisites. */
    private void unblock(String task, String on, boolean noteIfNothing) throws FeedbackNotUnderstood {
        sameTask(task, on);
        if (!PlanRules.reaches(packets, task, on)) {
            if (noteIfNothing) {
                notes.add(task + " did not wait on " + on + "; nothing to change.");
            }
            return;
        }
        TaskPacket p = byId(task);
        Set<String> deps = new LinkedHashSet<>();
        for (String dep : p.dependsOn()) {
            if (!dep.equals(on) && !PlanRules.reaches(packets, dep, on)) {
                deps.add(dep);
            }
        }
        for (String dep : byId(on).dependsOn()) {
            if (!dep.equals(task) && !PlanRules.reaches(packets, dep, task)) {
                deps.add(dep);
            }
        }
        replace(p.withDependsOn(new ArrayList<>(deps)));
    }

    private void depend(String task, String on) throws FeedbackNotUnderstood {
        sameTask(task, on);
        TaskPacket p = byId(task);
        if (!p.dependsOn().contains(on)) {
            List<String> deps = new ArrayList<>(p.dependsOn());
            deps.add(on);
            replace(p.withDependsOn(deps)); // a cycle this makes is reported by the validation that follows
        }
    }

    private void first(String task) throws FeedbackNotUnderstood {
        TaskPacket p = byId(task).withDependsOn(List.of());
        replace(p);
        for (int i = 0; i < packets.size(); i++) {
            TaskPacket other = packets.get(i);
            if (!other.id().equals(task) && other.dependsOn().isEmpty()) {
                packets.set(i, other.withDependsOn(List.of(task)));
            }
        }
        packets.remove(p);
        packets.add(0, p);
    }

    private void add(PlanEdit.Add add) throws FeedbackNotUnderstood {
        String what = add.what().strip();
        if (what.isEmpty()) {
            throw new FeedbackNotUnderstood("Say what the new task should do, e.g. 'add a task to update the README'.");
        }
        String id = freshId();
        String objective = Character.toUpperCase(what.charAt(0)) + what.substring(1);
        List<TaskPacket> sinks = packets.stream()
                .filter(p -> packets.stream().noneMatch(q -> q.dependsOn().contains(p.id()))).toList();
        Set<String> checks = new LinkedHashSet<>();
        sinks.forEach(s -> checks.addAll(s.acceptanceTests())); // the plan's final checks cover the new work too
        String scopePath = mentionedPath(what);
        String scope = scopePath == null ? "workspace" : FILE_LIKE.matcher(scopePath).matches() ? "single_file" : "module";
        List<String> deps = new ArrayList<>();
        String finalTask = null;
        if (add.after() != null) {
            deps.add(find(add.after()));
        } else if (add.before() == null) {
            packets.stream().filter(p -> p.dependsOn().isEmpty() && !sinks.contains(p)).forEach(p -> deps.add(p.id()));
        }
        if (add.before() != null) {
            finalTask = find(add.before());
        } else if (sinks.size() == 1 && packets.size() > 1 && !deps.contains(sinks.get(0).id())) {
            finalTask = sinks.get(0).id();
        }
        TaskPacket packet = new TaskPacket(id, ObjectiveText.shorten(objective, ObjectiveText.TITLE_CHARS), objective, null,
                scope, scopePath == null ? "." : scopePath, new ArrayList<>(checks), deps,
                TaskPacket.DEFAULT_COMMIT_POLICY, TaskPacket.DEFAULT_ESCALATION_POLICY, null, null);
        packet = withFilesFound(packet, what);
        if (finalTask != null) {
            TaskPacket later = byId(finalTask);
            List<String> laterDeps = new ArrayList<>(later.dependsOn());
            laterDeps.add(id);
            replace(later.withDependsOn(laterDeps));
            packets.add(packets.indexOf(byId(finalTask)), packet);
        } else {
            packets.add(packet);
        }
    }

    /**
     * A new task lists its files as a planned one does: the file the feedback names, else what the built-in
     * planner finds for its words within its scope; when neither gives one, the plan says why it lists none.
     */
    private TaskPacket withFilesFound(TaskPacket packet, String words) {
        String path = packet.scopePath() == null ? "." : packet.scopePath();
        if ("single_file".equals(packet.scope())) {
            return packet.withFiles(List.of(path));
        }
        List<String> found = newTaskFiles == null ? List.of() : newTaskFiles.find(words, path);
        if (found.isEmpty()) {
            notes.add("The new task " + packet.id() + " lists no files: " + (newTaskFiles == null
                    ? "no workspace was given to look in" : "no file's name or content " + (path.equals(".") ? "" : "under " + path + " ")
                    + "matched its words") + "; its agent works from its objective and scope (" + (path.equals(".")
                    ? "the whole workspace" : path) + "). Name a file in backticks to list it.");
        }
        return packet.withFiles(found);
    }

    private void setScope(String task, String path) throws FeedbackNotUnderstood {
        if (path.isEmpty()) {
            throw new FeedbackNotUnderstood("Say which path task " + task + " should be scoped to.");
        }
        String scope = path.equals(".") ? "workspace" : FILE_LIKE.matcher(path).matches() ? "single_file" : "module";
        if (workspace != null && !path.startsWith("/") && !Files.exists(workspace.resolve(path).normalize())) {
            notes.add("The scope path " + path + " of " + task + " does not exist in " + workspace + " yet.");
        }
        replace(byId(task).withScope(scope, path));
    }

    private void setTests(String task, List<String> commands, boolean append) throws FeedbackNotUnderstood {
        if (commands.isEmpty()) {
            throw new FeedbackNotUnderstood("Put the acceptance-test command in backticks, e.g. use `npm test` as the acceptance test for task 2.");
        }
        TaskPacket p = byId(task);
        List<String> tests = new ArrayList<>(append ? p.acceptanceTests() : List.of());
        commands.stream().filter(c -> !tests.contains(c)).forEach(tests::add);
        replace(p.withAcceptanceTests(tests));
    }

    /**
     * "Prioritize the toggle UI over the provider" when the plan has no toggle task: the person
     * names work the plan lacks, so it becomes a new task (the gate shows it before anything runs).
     */
    private String addNamed(String reference, String before) throws FeedbackNotUnderstood {
        String name = reference.strip().replaceFirst("(?i)^(?:the|a|an)\\s+", "");
        String id = freshId();
        TaskPacket anchor = byId(before);
        String objective = "Build the " + name + " (asked for in the plan's feedback, which puts it before " + before + ")";
        TaskPacket packet = new TaskPacket(id, ObjectiveText.shorten(Character.toUpperCase(name.charAt(0)) + name.substring(1),
                ObjectiveText.TITLE_CHARS), objective, null, "workspace", ".", anchor.acceptanceTests(), anchor.dependsOn(),
                TaskPacket.DEFAULT_COMMIT_POLICY, TaskPacket.DEFAULT_ESCALATION_POLICY, anchor.timeoutSeconds(), null);
        packet = withFilesFound(packet, name);
        packets.add(packets.indexOf(anchor), packet);
        notes.add("No task matched '" + PlanRules.abbreviate(reference, 60) + "', so it was added as " + id
                + " before " + before + "; edit its scope if it belongs to one part of the workspace.");
        return id;
    }

    /** Like find, but null when no task matches at all (an ambiguous reference still throws). */
    String findOrNull(String reference) throws FeedbackNotUnderstood {
        try {
            return find(reference);
        } catch (FeedbackNotUnderstood e) {
            if (e.getMessage().startsWith("No task matches")) {
                return null;
            }
            throw e;
        }
    }

    /** The id of the task a person means by {@code reference}. */
    String find(String reference) throws FeedbackNotUnderstood {
        String ref = reference.strip().toLowerCase(Locale.ROOT).replaceAll("^[`'\"]|[`'\"]$", "").strip();
        Matcher number = BY_NUMBER.matcher(ref);
        Matcher ordinal = BY_ORDINAL.matcher(ref);
        int position = -1;
        if (number.matches()) {
            String digits = number.group(1);
            if (digits.length() > 9) { // beyond any plan (and beyond int: "task 1000…0" is not a bug)
                throw new FeedbackNotUnderstood("There is no task " + (digits.length() > 20 ? digits.substring(0, 20) + "…" : digits)
                        + "; the plan has " + packets.size() + " tasks.");
            }
            position = Integer.parseInt(digits);
        } else if (ordinal.matches() && (ORDINALS.containsKey(ordinal.group(1)) || ordinal.group(1).equals("last"))) {
            position = ordinal.group(1).equals("last") ? packets.size() : ORDINALS.get(ordinal.group(1));
        }
        if (position != -1) {
            if (position < 1 || position > packets.size()) {
                throw new FeedbackNotUnderstood("There is no task " + position + "; the plan has " + packets.size() + " tasks.");
            }
            return packets.get(position - 1).id();
        }
        for (TaskPacket p : packets) {
            String bare = ref.replaceFirst("^(?:the\\s+)?(?:task|step|packet)\\s+", "");
            if (p.id().equalsIgnoreCase(ref) || p.id().equalsIgnoreCase(bare)) {
                return p.id();
            }
        }
        List<String> wanted = ObjectiveTerms.of(ref).stream().filter(w -> !NOISE.contains(w)).toList();
        if (wanted.isEmpty()) {
            throw new FeedbackNotUnderstood("'" + PlanRules.abbreviate(reference, 60) + "' does not name a task; " + taskList());
        }
        int best = 0;
        List<String> bestIds = new ArrayList<>();
        for (TaskPacket p : packets) {
            Set<String> words = new HashSet<>(ObjectiveTerms.of(p.title()));
            if (p.objective() != null) {
                words.addAll(ObjectiveTerms.of(ObjectiveText.shorten(p.objective(), 300)));
            }
            if (p.scopePath() != null) {
                words.addAll(ObjectiveTerms.of(p.scopePath()));
            }
            words.add(p.id().toLowerCase(Locale.ROOT));
            int score = (int) wanted.stream().filter(words::contains).count();
            if (score > best) {
                best = score;
                bestIds.clear();
            }
            if (score == best && score > 0) {
                bestIds.add(p.id());
            }
        }
        if (bestIds.size() == 1) {
            return bestIds.get(0);
        }
        if (bestIds.isEmpty()) {
            throw new FeedbackNotUnderstood("No task matches '" + PlanRules.abbreviate(reference, 60) + "'; " + taskList());
        }
        throw new FeedbackNotUnderstood("'" + PlanRules.abbreviate(reference, 60) + "' could mean any of "
                + String.join(", ", bestIds) + "; name the task by number or id. " + taskList());
    }

    private String taskList() {
        StringBuilder text = new StringBuilder("the tasks are: ");
        for (int i = 0; i < packets.size(); i++) {
            TaskPacket p = packets.get(i);
            text.append(i == 0 ? "" : "; ").append(i + 1).append(". ").append(p.id()).append(" ")
                    .append(PlanRules.abbreviate(p.title(), 50));
        }
        return text.append('.').toString();
    }

    private void sameTask(String a, String b) throws FeedbackNotUnderstood {
        if (a.equals(b)) {
            throw new FeedbackNotUnderstood("Both parts of that instruction name the same task (" + a + ").");
        }
    }

    private void moveBefore(String first, String then) {
        TaskPacket a = byId(first);
        int target = packets.indexOf(byId(then));
        if (packets.indexOf(a) > target) {
            packets.remove(a);
            packets.add(target, a);
        }
        List<TaskPacket> ordered = PlanRules.topologicalOrder(packets);
        if (ordered != null) { // keep the listing in an order that can run top to bottom
            packets.clear();
            packets.addAll(ordered);
        }
    }

    private String mentionedPath(String text) {
        Matcher m = Pattern.compile("`([^`]+)`|(?:^|\\s)((?:\\./)?[\\w.-]+/[\\w./-]*|[\\w-]+\\.[A-Za-z]{1,5})(?=[\\s,.;:]*$|[\\s,;:])")
                .matcher(text);
        while (m.find()) {
            String candidate = FeedbackParser.cleanPath(m.group(1) != null ? m.group(1) : m.group(2));
            if (candidate.startsWith("/") || candidate.startsWith("..") || candidate.matches("\\w\\.\\w+")) {
                continue; // outside the workspace, or an abbreviation such as e.g
            }
            if (workspace != null && !Files.exists(workspace.resolve(candidate).normalize())) {
                notes.add("The new task's scope " + candidate + " does not exist in " + workspace + " yet.");
            }
            return candidate;
        }
        return null;
    }

    private String freshId() {
        Set<String> used = new HashSet<>();
        packets.forEach(p -> used.add(p.id()));
        int n = packets.size() + 1;
        while (used.contains("t" + n)) {
            n++;
        }
        return "t" + n;
    }

    private TaskPacket byId(String id) {
        return packets.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no packet " + id));
    }

    private void replace(TaskPacket updated) {
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).id().equals(updated.id())) {
                packets.set(i, updated);
                return;
            }
        }
    }
}
