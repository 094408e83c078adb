package dev.harness.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checked arguments of one tool call. Every value that becomes part of an orchestrator argv is
 * checked here first: names, ids and kinds may not look like an option (so no call can smuggle in
 * --yes or --trust), names the tool does not declare are refused, and a workspace must be an existing
 * absolute directory. The objective is free text, '-' at its start included, as the CLI takes it after
 * '--': {@link HarnessMcp} always puts it there, the last word of the argv.
 */
final class ToolArguments {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z_]{0,63}");
    private static final Pattern TASK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    static final int MAX_OBJECTIVE_CHARS = 4000;

    private final Map<String, Object> args;

    private ToolArguments(Map<String, Object> args) {
        this.args = args;
    }

    /** Refuses any argument name outside {@code allowed}. */
    static ToolArguments of(Map<String, Object> given, Set<String> allowed) {
        Map<String, Object> args = given == null ? Map.of() : given;
        for (String name : args.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidArgument("unknown argument '" + name + "' (this tool takes " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return new ToolArguments(args);
    }

    String objective() {
        String text = requiredString("objective").strip();
        if (text.isEmpty()) {
            throw new InvalidArgument("objective is empty: say what you want done");
        }
        if (text.length() > MAX_OBJECTIVE_CHARS) {
            throw new InvalidArgument("objective is longer than " + MAX_OBJECTIVE_CHARS + " characters");
        }
        return text;
    }

    String runId() {
        return matching("run_id", requiredString("run_id"), RUN_ID);
    }

    String optionalKind() {
        String kind = optionalString("kind");
        return kind == null ? null : matching("kind", kind, KIND);
    }

    String optionalTask() {
        String task = optionalString("task");
        return task == null ? null : matching("task", task, TASK);
    }

    long sinceSeq() {
        Object value = args.get("since_seq");
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new InvalidArgument("since_seq must be a whole number >= 0");
    }

    /** One of {@code choices}, or {@code fallback} when absent. */
    String choice(String name, Set<String> choices, String fallback) {
        String value = optionalString(name);
        if (value == null) {
            if (fallback == null) {
                throw new InvalidArgument(name + " is required (one of " + String.join(", ", choices.stream().sorted().toList()) + ")");
            }
            return fallback;
        }
        if (!choices.contains(value)) {
            throw new InvalidArgument(name + " must be one of " + String.join(", ", choices.stream().sorted().toList()));
        }
        return value;
    }

    /** The workspace named, else {@code fallback}; an existing absolute directory either way. */
    Path workspace(Path fallback) {
        String given = optionalString("workspace");
        if (given == null) {
            return fallback;
        }
        Path path;
        try {
            path = Path.of(given);
        } catch (RuntimeException e) {
            throw new InvalidArgument("workspace is not a path");
        }
        if (!path.isAbsolute() || !Files.isDirectory(path)) {
            throw new InvalidArgument("workspace must be an existing directory given as an absolute path");
        }
        return path.normalize();
    }

    private String requiredString(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw new InvalidArgument(name + " is required");
        }
        return value;
    }

    private String optionalString(String name) {
        Object value = args.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidArgument(name + " must be a string");
        }
        if (s.indexOf('\0') >= 0) {
            throw new InvalidArgument(name + " must not contain NUL");
        }
        return s;
    }

    private static String matching(String name, String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw new InvalidArgument(name + " '" + value.substring(0, Math.min(value.length(), 40)) + "' is not valid");
        }
        return value;
    }

    /** A call the server refuses before running anything. */
    static final class InvalidArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidArgument(String message) {
            super(message);
        }
    }
}
