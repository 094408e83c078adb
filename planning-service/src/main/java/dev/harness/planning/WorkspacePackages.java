package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages of a monorepo, as its own build declares them: npm/yarn "workspaces" and
 * pnpm-workspace.yaml, Maven {@code <modules>}, Gradle {@code include}, Cargo {@code [workspace]
 * members}, go.work (or nested go.mod files). A path belongs to its innermost package.
 */
public final class WorkspacePackages {
    private static final Pattern MAVEN_MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern MAVEN_PARENT = Pattern.compile("(?s)<parent>.*?</parent>");
    private static final Pattern MAVEN_ARTIFACT = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");
    private static final Pattern GRADLE_INCLUDE = Pattern.compile("(?m)^\\s*include\\s*\\(?([^)\\n]+)\\)?");
    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");
    private static final Pattern CARGO_MEMBERS = Pattern.compile("(?s)\\[workspace\\].*?members\\s*=\\s*\\[(.*?)\\]");
    private static final Pattern CARGO_NAME = Pattern.compile("(?s)\\[package\\].*?name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern GO_MODULE = Pattern.compile("(?m)^module\\s+(\\S+)");
    private static final Pattern GO_USE = Pattern.compile("(?m)^\\s*(?:use\\s+)?(\\./[^\\s)]*|\\.)\\s*$");

    private final List<WorkspacePackage> packages;
    private final WorkspacePackage root;

    private WorkspacePackages(WorkspacePackage root, List<WorkspacePackage> packages) {
        this.root = root;
        this.packages = List.copyOf(packages);
    }

    public static WorkspacePackages single(WorkspacePackage.Ecosystem ecosystem) {
        return new WorkspacePackages(new WorkspacePackage("", "", ecosystem), List.of());
    }

    public static WorkspacePackages detect(Path workspace, WorkspaceScan scan) {
        Set<String> files = new java.util.HashSet<>(scan.files());
        Set<String> directories = new java.util.HashSet<>(scan.directories());
        Map<String, WorkspacePackage> found = new LinkedHashMap<>();
        WorkspacePackage.Ecosystem rootEcosystem = WorkspacePackage.Ecosystem.OTHER;

        if (files.contains("package.json")) {
            rootEcosystem = WorkspacePackage.Ecosystem.NPM;
            JsonNode manifest = json(workspace, "package.json");
            List<String> globs = new ArrayList<>();
            JsonNode workspaces = manifest.path("workspaces");
            (workspaces.isArray() ? workspaces : workspaces.path("packages")).forEach(n -> globs.add(n.asText()));
            String pnpm = ManifestFile.read(workspace, "pnpm-workspace.yaml");
            for (String line : pnpm.split("\n")) {
                Matcher m = Pattern.compile("^\\s*-\\s*['\"]?([^'\"#]+?)['\"]?\\s*$").matcher(line);
                if (m.matches()) {
                    globs.add(m.group(1));
                }
            }
            for (String dir : expand(globs, directories)) {
                if (files.contains(dir + "/package.json")) {
                    String name = json(workspace, dir + "/package.json").path("name").asText(dir);
                    found.put(dir, new WorkspacePackage(dir, name, WorkspacePackage.Ecosystem.NPM));
                }
            }
        }
        if (files.contains("pom.xml")) {
            rootEcosystem = WorkspacePackage.Ecosystem.MAVEN;
            mavenModules(workspace, "", files, found, 0);
        }
        for (String settings : List.of("settings.gradle", "settings.gradle.kts")) {
            if (files.contains(settings)) {
                rootEcosystem = WorkspacePackage.Ecosystem.GRADLE;
                Matcher m = GRADLE_INCLUDE.matcher(ManifestFile.read(workspace, settings));
                while (m.find()) {
                    Matcher q = QUOTED.matcher(m.group(1));
                    while (q.find()) {
                        String project = q.group(1).replaceFirst("^:", "");
                        String dir = project.replace(':', '/');
                        if (directories.contains(dir)) {
                            found.put(dir, new WorkspacePackage(dir, ":" + project, WorkspacePackage.Ecosystem.GRADLE));
                        }
                    }
                }
            }
        }
        if (files.contains("build.gradle") || files.contains("build.gradle.kts")) {
            rootEcosystem = WorkspacePackage.Ecosystem.GRADLE;
        }
        if (files.contains("Cargo.toml")) {
            rootEcosystem = WorkspacePackage.Ecosystem.CARGO;
            String cargo = ManifestFile.read(workspace, "Cargo.toml");
            Matcher m = CARGO_MEMBERS.matcher(cargo);
            if (m.find()) {
                List<String> globs = new ArrayList<>();
                Matcher q = QUOTED.matcher(m.group(1));
                while (q.find()) {
                    globs.add(q.group(1));
                }
                for (String dir : expand(globs, directories)) {
                    if (files.contains(dir + "/Cargo.toml")) {
                        Matcher name = CARGO_NAME.matcher(ManifestFile.read(workspace, dir + "/Cargo.toml"));
                        found.put(dir, new WorkspacePackage(dir, name.find() ? name.group(1) : dir, WorkspacePackage.Ecosystem.CARGO));
                    }
                }
            }
        }
        boolean goWork = files.contains("go.work");
        if (files.contains("go.mod") || goWork) {
            rootEcosystem = files.contains("go.mod") ? WorkspacePackage.Ecosystem.GO : rootEcosystem;
            for (String file : scan.files()) {
                if (file.endsWith("/go.mod") && file.chars().filter(c -> c == '/').count() <= 3) {
                    String dir = file.substring(0, file.length() - "/go.mod".length());
                    Matcher name = GO_MODULE.matcher(ManifestFile.read(workspace, file));
                    found.put(dir, new WorkspacePackage(dir, name.find() ? name.group(1) : dir, WorkspacePackage.Ecosystem.GO));
                }
            }
            if (goWork && rootEcosystem == WorkspacePackage.Ecosystem.OTHER) {
                rootEcosystem = WorkspacePackage.Ecosystem.GO;
            }
        }
        if (rootEcosystem == WorkspacePackage.Ecosystem.OTHER && (files.contains("pyproject.toml") || files.contains("setup.py")
                || files.contains("setup.cfg") || files.contains("pytest.ini") || files.contains("tox.ini"))) {
            rootEcosystem = WorkspacePackage.Ecosystem.PYTHON;
        }
        String rootName = "";
        if (rootEcosystem == WorkspacePackage.Ecosystem.NPM) {
            rootName = json(workspace, "package.json").path("name").asText("");
        } else if (rootEcosystem == WorkspacePackage.Ecosystem.MAVEN) {
            Matcher artifact = MAVEN_ARTIFACT.matcher(MAVEN_PARENT.matcher(ManifestFile.read(workspace, "pom.xml")).replaceFirst(""));
            rootName = artifact.find() ? artifact.group(1) : "";
        } else if (rootEcosystem == WorkspacePackage.Ecosystem.GO) {
            Matcher module = GO_MODULE.matcher(ManifestFile.read(workspace, "go.mod"));
            rootName = module.find() ? module.group(1).substring(module.group(1).lastIndexOf('/') + 1) : "";
        }
        return new WorkspacePackages(new WorkspacePackage("", rootName, rootEcosystem), new ArrayList<>(found.values()));
    }

    private static void mavenModules(Path workspace, String dir, Set<String> files, Map<String, WorkspacePackage> found, int depth) {
        String pom = ManifestFile.read(workspace, dir.isEmpty() ? "pom.xml" : dir + "/pom.xml");
        Matcher m = MAVEN_MODULE.matcher(pom);
        while (m.find()) {
            String module = normalize(dir.isEmpty() ? m.group(1) : dir + "/" + m.group(1));
            if (module == null || !files.contains(module + "/pom.xml")) {
                continue;
            }
            String modulePom = ManifestFile.read(workspace, module + "/pom.xml");
            Matcher artifact = MAVEN_ARTIFACT.matcher(MAVEN_PARENT.matcher(modulePom).replaceFirst(""));
            found.put(module, new WorkspacePackage(module, artifact.find() ? artifact.group(1) : module, WorkspacePackage.Ecosystem.MAVEN));
            if (depth < 2) {
                mavenModules(workspace, module, files, found, depth + 1);
            }
        }
    }

    /** Directories matching workspace globs: exact paths, dir/* and dir/** (one or more levels). */
    static List<String> expand(List<String> globs, Set<String> directories) {
        Set<String> matched = new LinkedHashSet<>();
        List<String> sorted = new ArrayList<>(directories);
        java.util.Collections.sort(sorted);
        for (String raw : globs) {
            String glob = raw.strip();
            if (glob.startsWith("!")) {
                continue;
            }
            glob = glob.replaceFirst("^\\./", "").replaceAll("/+$", "");
            if (!glob.contains("*")) {
                String exact = normalize(glob);
                if (exact != null && directories.contains(exact)) {
                    matched.add(exact);
                }
                continue;
            }
            Pattern pattern = Pattern.compile(globToRegex(glob));
            for (String dir : sorted) {
                if (pattern.matcher(dir).matches()) {
                    matched.add(dir);
                }
            }
        }
        return new ArrayList<>(matched);
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".+");
                i++;
            } else if (c == '*') {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static String normalize(String path) {
        Path normal = Path.of(path).normalize();
        String text = normal.toString().replace('\\', '/');
        return text.isEmpty() || text.startsWith("..") || normal.isAbsolute() ? null : text;
    }

    private static JsonNode json(Path workspace, String relative) {
        String text = ManifestFile.read(workspace, relative);
        try {
            return text.isEmpty() ? Json.object() : Json.parse(text);
        } catch (IOException e) {
            return Json.object();
        }
    }

    /**
     * These packages plus the subprojects found by their manifests (a frontend/ with its own
     * package.json) that the build does not declare.
     */
    public WorkspacePackages withSubprojects(List<WorkspaceCommands> subprojects) {
        List<WorkspacePackage> all = new ArrayList<>(packages);
        for (WorkspaceCommands sub : subprojects) {
            // a Makefile alone in a folder of a project of a real ecosystem (dnspython's tests/Makefile, docs/Makefile)
            // drives that folder's chores: the folder stays part of the project, its tests the project's tests
            boolean makefileOnly = !sub.toolchains().isEmpty() && sub.toolchains().stream().allMatch(t -> t == Toolchain.MAKE);
            if (makefileOnly && root.ecosystem() != WorkspacePackage.Ecosystem.OTHER) {
                continue;
            }
            if (all.stream().noneMatch(p -> p.directory().equals(sub.directory()))) {
                WorkspacePackage.Ecosystem ecosystem = sub.toolchains().isEmpty() ? WorkspacePackage.Ecosystem.OTHER
                        : switch (sub.toolchains().get(0)) {
                            case NODE_TEST, JEST, NPM -> WorkspacePackage.Ecosystem.NPM;
                            case MAVEN -> WorkspacePackage.Ecosystem.MAVEN;
                            case GRADLE -> WorkspacePackage.Ecosystem.GRADLE;
                            case CARGO -> WorkspacePackage.Ecosystem.CARGO;
                            case GO -> WorkspacePackage.Ecosystem.GO;
                            case PYTEST -> WorkspacePackage.Ecosystem.PYTHON;
                            default -> WorkspacePackage.Ecosystem.OTHER;
                        };
                all.add(new WorkspacePackage(sub.directory(), sub.directory(), ecosystem));
            }
        }
        return new WorkspacePackages(root, all);
    }

    public WorkspacePackage root() {
        return root;
    }

    /** The declared packages (not the root), in declaration order. */
    public List<WorkspacePackage> packages() {
        return packages;
    }

    public boolean isMonorepo() {
        return !packages.isEmpty();
    }

    /** The innermost package holding {@code path}, else the root. */
    public WorkspacePackage of(String path) {
        WorkspacePackage best = root;
        for (WorkspacePackage p : packages) {
            if (p.contains(path) && p.directory().length() > best.directory().length()) {
                best = p;
            }
        }
        return best;
    }

    /** Whether {@code from}'s manifest names {@code to} (a dependency between two packages). */
    public boolean dependsOn(Path workspace, WorkspacePackage from, WorkspacePackage to) {
        if (from.equals(to) || to.isRoot() || to.name().isEmpty()) {
            return false;
        }
        String manifest = switch (from.ecosystem()) {
            case NPM -> ManifestFile.read(workspace, from.directory() + "/package.json");
            case MAVEN -> ManifestFile.read(workspace, from.directory() + "/pom.xml");
            case CARGO -> ManifestFile.read(workspace, from.directory() + "/Cargo.toml");
            case GO -> ManifestFile.read(workspace, from.directory() + "/go.mod");
            case GRADLE -> ManifestFile.read(workspace, from.directory() + "/build.gradle")
                    + ManifestFile.read(workspace, from.directory() + "/build.gradle.kts");
            default -> "";
        };
        String name = to.ecosystem() == WorkspacePackage.Ecosystem.GRADLE ? "project('" + to.name() : to.name();
        return switch (from.ecosystem()) {
            case NPM -> manifest.contains("\"" + name + "\"");
            case MAVEN -> manifest.contains("<artifactId>" + name + "</artifactId>");
            default -> manifest.contains(name);
        };
    }
}
