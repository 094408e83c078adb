package dev.harness.planning;

import java.util.Locale;
import java.util.Set;

/**
 * What a workspace file is, for ranking: the product's own source (and its tests), documentation,
 * data, or something no one edits by hand (generated or vendored). Decided from the path and, for
 * generated code, the file's first lines ("@generated", "DO NOT EDIT").
 */
public enum FileKind {
    SOURCE(1.0),
    DOCUMENTATION(0.5),
    DATA(0.25),
    GENERATED(0.1),
    VENDORED(0.1),
    /** Not text the index reads (images, archives, binaries, unknown extensions). */
    OTHER(0.0);

    /** How much a match in such a file counts next to one in source. */
    private final double weight;

    FileKind(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    /** Hand-written source is what objectives are about; the rest is de-ranked. */
    public boolean editable() {
        return this == SOURCE || this == DOCUMENTATION;
    }

    static final Set<String> SOURCE_EXTENSIONS = Set.of("js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "vue",
            "svelte", "py", "pyi", "java", "kt", "kts", "scala", "groovy", "go", "rs", "rb", "php", "cs", "c", "h", "cc",
            "cpp", "hpp", "swift", "m", "sh", "bash", "css", "scss", "less", "html", "sql", "ex", "exs", "erl", "hs",
            "clj", "lua", "dart", "r", "pl", "gradle", "properties", "toml", "cfg", "ini");
    private static final Set<String> DOC_EXTENSIONS = Set.of("md", "markdown", "rst", "txt", "adoc");
    private static final Set<String> DATA_EXTENSIONS = Set.of("json", "jsonl", "csv", "tsv", "yaml", "yml", "xml",
            "svg", "lock", "map", "snap", "po", "pot");
    /** Manifests and configuration: data-shaped, but hand-written and meaningful. */
    private static final Set<String> HAND_WRITTEN_DATA = Set.of("package.json", "tsconfig.json", "pom.xml", "jsconfig.json",
            "pnpm-workspace.yaml", ".mocharc.json", ".mocharc.yml", "docker-compose.yml", "openapi.yaml", "openapi.yml");
    private static final Set<String> VENDOR_DIRECTORIES = Set.of("vendor", "vendored", "third_party", "third-party",
            "thirdparty", "external", "deps", "node_modules", "bower_components", "jspm_packages");
    private static final Set<String> GENERATED_DIRECTORIES = Set.of("generated", "gen", "__generated__", "dist", "build",
            "out", "target", "lib-cov", "coverage", ".next", "storybook-static",
            // a static site generator's output (Jekyll's _site, GitBook's _book) and frameworks' build folders
            "_site", "_book", ".docusaurus", ".nuxt", ".svelte-kit", ".output");

    /** From the path alone; {@link #ofHeader} refines SOURCE by the file's first lines. */
    public static FileKind ofPath(String relative) {
        return KEPT.get(relative);
    }

    /** Kept by path: every plan asks about the same files (see KeptAnswers). */
    private static final KeptAnswers<FileKind> KEPT = new KeptAnswers<>(16_384, FileKind::ofPathNow);

    static FileKind ofPathNow(String relative) {
        int slash = relative.lastIndexOf('/');
        FileKind byDirectory = slash < 0 ? null : ofDirectory(relative.substring(0, slash));
        return byDirectory != null ? byDirectory : ofName(relative.substring(slash + 1));
    }

    /** VENDORED, GENERATED or DOCUMENTATION (javadoc) when a directory on the path says so, else null. */
    static FileKind ofDirectory(String directory) {
        int start = 0;
        while (start <= directory.length()) {
            int end = directory.indexOf('/', start);
            if (end < 0) {
                end = directory.length();
            }
            String part = directory.substring(start, end).toLowerCase(Locale.ROOT);
            if (VENDOR_DIRECTORIES.contains(part)) {
                return VENDORED;
            }
            if (GENERATED_DIRECTORIES.contains(part)) {
                return GENERATED;
            }
            if (part.equals("javadoc")) {
                return DOCUMENTATION; // src/main/javadoc/overview.html: the API docs' prose, not code a change needs
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * ofPath for many paths in scan order: the files of one directory come together, so the
     * directory's verdict is reused (classifying 50,000 paths is otherwise a real cost).
     */
    static final class Classifier {
        private String directory;
        private FileKind directoryKind;

        FileKind ofPath(String relative) {
            int slash = relative.lastIndexOf('/');
            if (slash < 0) {
                return ofName(relative);
            }
            if (directory == null || directory.length() != slash || !relative.startsWith(directory)) {
                directory = relative.substring(0, slash);
                directoryKind = ofDirectory(directory);
            }
            return directoryKind != null ? directoryKind : ofName(relative.substring(slash + 1));
        }
    }

    /** A script or style sheet named with a release's version number (handlebars-v4.7.9.js, bootstrap-5.3.2.css). */
    private static final java.util.regex.Pattern RELEASE_COPY = java.util.regex.Pattern.compile(
            "[a-z][\\w.]*?[-.]v?\\d+\\.\\d+(?:\\.\\d+)*(?:[-.][a-z][\\w]*)*\\.(?:[cm]?js|css)");

    private static FileKind ofName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".min.js") || name.endsWith(".min.css") || name.endsWith(".bundle.js") || name.endsWith(".pb.go")
                || name.endsWith("_pb2.py") || name.endsWith("_pb2_grpc.py") || name.endsWith(".g.dart")
                || name.endsWith(".generated.ts") || name.endsWith(".generated.js") || name.endsWith(".gen.go")
                || name.endsWith(".designer.cs") || name.endsWith("-lock.json") || name.endsWith(".d.ts.map")
                || name.equals("package-lock.json") || name.equals("yarn.lock") || name.equals("pnpm-lock.yaml")
                || name.equals("cargo.lock") || name.equals("go.sum") || name.equals("poetry.lock")) {
            return GENERATED;
        }
        if (RELEASE_COPY.matcher(name).matches()) {
            return VENDORED; // handlebars-v4.7.9.js, jquery-3.6.0.js: a library's release copied in, not the project's code
        }
        if (name.equals("doc.go")) {
            return DOCUMENTATION; // Go's package documentation: comments and a package line by convention
        }
        if (HAND_WRITTEN_DATA.contains(name)) {
            return SOURCE;
        }
        String extension = extension(name);
        if (SOURCE_EXTENSIONS.contains(extension)) {
            return SOURCE;
        }
        if (DOC_EXTENSIONS.contains(extension)) {
            return DOCUMENTATION;
        }
        if (DATA_EXTENSIONS.contains(extension)) {
            return DATA;
        }
        return OTHER;
    }

    /** GENERATED when one of the first lines says so (the conventions of Go, protoc, OpenAPI and friends). */
    public static FileKind ofHeader(FileKind byPath, String firstLines) {
        if (byPath != SOURCE) {
            return byPath;
        }
        String head = firstLines.toLowerCase(Locale.ROOT);
        if (head.contains("@generated") || head.contains("do not edit") || head.contains("auto-generated")
                || head.contains("autogenerated") || head.contains("code generated by") || head.contains("this file was generated")
                || head.contains("this file is generated") || head.contains("generated by the protocol buffer")) {
            return GENERATED;
        }
        return SOURCE;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
