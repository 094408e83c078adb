package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** Which directory a request is about: context.cwd, else context.workspace (~ expanded), else the service's own. */
public final class WorkspaceLocator {
    private final Path serviceDirectory;
    private final Map<String, String> env;

    public WorkspaceLocator(Path serviceDirectory, Map<String, String> env) {
        this.serviceDirectory = serviceDirectory;
        this.env = env;
    }

    /** A workspace that cannot be used, with the path as given and why. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String path;

        Unreadable(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** Whether the context names a workspace at all (refine works without one). */
    public static boolean named(JsonNode context) {
        return context != null && (context.path("cwd").isTextual() || context.path("workspace").isTextual());
    }

    /** The canonical (symlinks resolved) workspace directory. */
    public Path resolve(JsonNode context) throws Unreadable {
        String raw = null;
        if (context != null && context.path("cwd").isTextual()) {
            raw = context.get("cwd").asText();
        } else if (context != null && context.path("workspace").isTextual()) {
            raw = context.get("workspace").asText();
        }
        if (raw == null) {
            return canonical(serviceDirectory, serviceDirectory.toString());
        }
        Path path;
        try {
            path = serviceDirectory.resolve(PlannerConfig.expandHome(raw, env));
        } catch (InvalidPathException e) {
            throw new Unreadable(raw, "The workspace path '" + PlanRules.abbreviate(raw, 200) + "' is not a valid path.");
        }
        return canonical(path, raw);
    }

    private static Path canonical(Path path, String raw) throws Unreadable {
        if (!Files.exists(path)) {
            throw new Unreadable(raw, "The workspace " + path + " does not exist.");
        }
        if (!Files.isDirectory(path)) {
            throw new Unreadable(raw, "The workspace " + path + " is not a directory.");
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            throw new Unreadable(raw, "The workspace " + path + " cannot be read (permission denied).");
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new Unreadable(raw, "The workspace " + path + " cannot be read (" + e.getMessage() + ").");
        }
    }
}
