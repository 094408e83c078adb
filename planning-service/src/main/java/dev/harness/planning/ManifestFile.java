package dev.harness.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a workspace's manifests and configuration (package.json, pom.xml, pyproject.toml, …):
 * bounded in size, and only when the file's real path stays inside the workspace, so a committed
 * link to a file elsewhere is never read. While a {@link Reads} is open on the thread (one request
 * being planned), each file is read, and parsed as JSON, once.
 */
public final class ManifestFile {
    static final long MAX_BYTES = 1 << 20;
    /** Kept parses: a workspace has a handful of manifests; bounded so they stay well under a MB of the heap. */
    private static final int MAX_KEPT = 32;
    private static final int MAX_KEPT_CHARS = 32 * 1024;
    private static final Map<String, Object> KEPT = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > MAX_KEPT;
        }
    };

    private ManifestFile() {}

    /** The file's text, or "" when it is missing, too big, unreadable or leads outside {@code workspace}. */
    public static String read(Path workspace, String relative) {
        Reads reads = Reads.CURRENT.get();
        return reads == null ? readNow(workspace, relative)
                : reads.texts.computeIfAbsent(new Reads.Key(workspace, relative), key -> readNow(workspace, relative));
    }

    /** {@link #read}'s text as JSON (a missing file is a missing node); a text that is not JSON throws, each time. */
    public static JsonNode json(Path workspace, String relative) throws JsonProcessingException {
        Reads reads = Reads.CURRENT.get();
        if (reads == null) {
            return Json.parse(readNow(workspace, relative));
        }
        Reads.Key key = new Reads.Key(workspace, relative);
        Object parsed = reads.parsed.get(key);
        if (parsed == null) {
            parsed = parsed(read(workspace, relative));
            reads.parsed.put(key, parsed);
        }
        if (parsed instanceof JsonProcessingException e) {
            throw e;
        }
        return (JsonNode) parsed;
    }

    /**
     * The text parsed: a tree, or the JsonProcessingException it gives. A service plans again and again on
     * the same manifests, so a parse is kept by the exact text it was made from (a file is still read
     * every request: any edit, even one of the same size within one mtime tick, is another text). The
     * trees are shared between requests and threads, and their readers only read them.
     */
    private static Object parsed(String text) {
        if (text.length() > MAX_KEPT_CHARS) {
            return parseNow(text);
        }
        Object kept;
        synchronized (KEPT) {
            kept = KEPT.get(text);
        }
        if (kept == null) {
            kept = parseNow(text);
            synchronized (KEPT) {
                KEPT.put(text, kept);
            }
        }
        return kept;
    }

    private static Object parseNow(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            return e;
        }
    }

    private static String readNow(Path workspace, String relative) {
        Path file = workspace.resolve(relative);
        try {
            if (!Files.isRegularFile(file) || !inside(workspace, file) || Files.size(file) > MAX_BYTES) {
                return "";
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException | SecurityException e) {
            return "";
        }
    }

    /**
     * The project's CI configuration files, relative to {@code workspace}: GitHub workflows (at most 50), GitLab, Travis,
     * CircleCI, Azure Pipelines and a Jenkinsfile. What the project's CI runs is its own idea of its full check.
     */
    public static List<String> ciFiles(Path workspace) {
        List<String> files = new java.util.ArrayList<>();
        Path workflows = workspace.resolve(".github/workflows");
        if (Files.isDirectory(workflows) && inside(workspace, workflows)) {
            try (var entries = Files.list(workflows)) {
                entries.limit(50).map(e -> e.getFileName().toString()).filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
                        .sorted().forEach(n -> files.add(".github/workflows/" + n));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // unreadable workflows: the other CI files still say what runs
            }
        }
        for (String name : List.of(".gitlab-ci.yml", ".travis.yml", ".circleci/config.yml", "azure-pipelines.yml", "Jenkinsfile")) {
            if (Files.isRegularFile(workspace.resolve(name))) {
                files.add(name);
            }
        }
        return files;
    }

    /** Whether {@code file}'s real path (every link resolved) lies inside {@code workspace}'s. */
    public static boolean inside(Path workspace, Path file) {
        try {
            Path realRoot = workspace.toRealPath();
            Path real = file.toRealPath();
            return real.startsWith(realRoot);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * One request's reads: a plan consults the same package.json for every check it considers (a
     * dozen reads and parses a decompose); within the request the first read is the one it plans on.
     * Not shared between threads or requests: the next request reads the files again. The parsed
     * trees are shared by the request's readers, which only read them.
     */
    public static final class Reads implements AutoCloseable {
        private static final ThreadLocal<Reads> CURRENT = new ThreadLocal<>();

        private record Key(Path workspace, String relative) {}

        private final Map<Key, String> texts = new HashMap<>();
        private final Map<Key, Object> parsed = new HashMap<>();
        private final Reads outer;

        private Reads(Reads outer) {
            this.outer = outer;
        }

        /** Opens a request's reads on this thread; close it when the request is answered. */
        public static Reads open() {
            Reads reads = new Reads(CURRENT.get());
            CURRENT.set(reads);
            return reads;
        }

        @Override
        public void close() {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
