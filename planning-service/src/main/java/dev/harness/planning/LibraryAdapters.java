package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module named after a third-party library it imports (jsonpickle's ext/pandas.py importing pandas, a plugins/yaml.js
 * requiring yaml) adapts the project to that library: it repeats the project's words for that library's types (a pandas
 * Timestamp's isoformat next to the datetime handler the objective is about). It is the place only when the objective
 * names the library.
 */
final class LibraryAdapters {
    /** Python's {@code import pandas as pd} / {@code from pandas import x}, JavaScript's {@code require('yaml')} / {@code from 'yaml'}. */
    private static final Pattern IMPORTED = Pattern.compile(
            "(?m)^\\s*(?:import|from)\\s+([A-Za-z_][\\w]*)[\\s.,]|\\brequire\\(\\s*['\"]([\\w-]+)['\"]\\s*\\)|\\bfrom\\s+['\"]([\\w-]+)['\"]");
    private static final Pattern ADAPTER_SOURCE = Pattern.compile("\\.(?:py|[cm]?[jt]s)$");
    /** An adapter's score beside the project's own modules: a quarter, so it leads only without any of them near. */
    private static final double WEIGHT = 0.25;
    private static final double CONSIDERED = 0.2;

    private LibraryAdapters() {
    }

    /** Lowers, in place, the scores of adapter modules for libraries the objective does not name. */
    static void derank(Map<String, Double> scores, ChangeLocator.Keys keys, WorkspaceFacts facts) {
        String objective = keys.text().toLowerCase(Locale.ROOT);
        double top = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        scores.replaceAll((path, score) -> {
            if (score < top * CONSIDERED) {
                return score; // far from the best, whatever it is does not matter: its file is not read
            }
            String library = adapted(facts, path);
            return library != null && !objective.contains(library) ? score * WEIGHT : score;
        });
    }

    /** The library {@code path} is named after and imports from outside the project, or null. */
    static String adapted(WorkspaceFacts facts, String path) {
        if (!ADAPTER_SOURCE.matcher(path).find()) {
            return null;
        }
        String name = SourceGraph.baseName(path).toLowerCase(Locale.ROOT);
        if (name.length() < 3 || name.equals("index") || name.equals("__init__")) {
            return null;
        }
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        if (bytes == null) {
            return null;
        }
        Matcher m = IMPORTED.matcher(new String(bytes, StandardCharsets.UTF_8));
        while (m.find()) {
            String module = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            // the project's own module of that name (a sibling yaml.py imported as `from . import yaml`) is no library
            if (module.toLowerCase(Locale.ROOT).equals(name) && facts.names().pathsWithStem(ObjectiveTerms.stem(name)).stream()
                    .noneMatch(p -> !p.equals(path) && SourceGraph.baseName(p).equalsIgnoreCase(name) && !facts.names().isDirectory(p))) {
                return name;
            }
        }
        return null;
    }
}
