package dev.harness.orchestrator.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.plan.VerificationStrength;
import dev.harness.protocol.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows a plan (its task packets) as a table for people, or as JSON, a Mermaid flowchart or a
 * Graphviz digraph. Plan text is untrusted: every format escapes it so that no title can break
 * the syntax or inject nodes, edges or terminal control sequences (ids are held to a safe
 * alphabet by {@link TaskPacket}; they are escaped all the same).
 */
public final class PlanRenderer {
    static final int TITLE_WIDTH = 40;
    static final String VERIFY_ONLY_NOTE = "No agent is configured: tasks will only be verified"
            + " (the built-in worker runs each task's acceptance tests; nothing changes the code).";

    /** Longer acceptance tests are cut in the table (a Go {@code -run} list of 37 names is 900 characters). */
    static final int CHECK_WIDTH = 100;

    /** The table, with long checks said to be whole in {@code plan --format json}. */
    public String table(List<TaskPacket> packets, boolean verifyOnly) {
        return table(packets, verifyOnly, "with --format json");
    }

    /**
     * A table: ID, TITLE, DEPENDS ON, SCOPE, ACCEPTANCE TESTS. Long titles wrap rather than being
     * cut; every acceptance test has its own line, cut with an ellipsis past {@link #CHECK_WIDTH}
     * characters so the table stays readable, and a note then says where each is whole
     * ({@code whole}: e.g. "in the plan file …").
     */
    public String table(List<TaskPacket> packets, boolean verifyOnly, String whole) {
        boolean cut = false;
        List<String[]> rows = new ArrayList<>();
        List<String> unverifiable = new ArrayList<>();
        rows.add(new String[] {"ID", "TITLE", "DEPENDS ON", "SCOPE", "ACCEPTANCE TESTS"});
        for (TaskPacket packet : packets) {
            List<String> titleLines = wrap(SafeText.oneLine(titleOf(packet)), TITLE_WIDTH);
            List<String> tests = new ArrayList<>();
            for (String test : packet.acceptanceTests()) {
                String line = SafeText.oneLine(test);
                if (SafeText.width(line) > CHECK_WIDTH) {
                    line = SafeText.brief(line, CHECK_WIDTH);
                    cut = true;
                }
                tests.add(line);
            }
            boolean noRealCheck = packet.verification() == VerificationStrength.UNVERIFIABLE;
            if (tests.isEmpty()) {
                // the planner says no real check exists: approve knowing that "completed" proves nothing
                tests.add(noRealCheck ? "(none: unverifiable)" : "(none)");
            } else if (noRealCheck) {
                tests.add("⚠ unverifiable: no real check"); // checks that exist but cannot tell the change works
            }
            if (noRealCheck) {
                unverifiable.add(idOf(packet));
            }
            List<String> scope = scopeLines(packet);
            String deps = String.join(", ", packet.dependencies().stream().map(SafeText::oneLine).toList());
            int height = Math.max(Math.max(titleLines.size(), tests.size()), scope.size());
            for (int i = 0; i < height; i++) {
                rows.add(new String[] {
                    i == 0 ? idOf(packet) : "",
                    i < titleLines.size() ? titleLines.get(i) : "",
                    i == 0 ? (deps.isEmpty() ? "-" : deps) : "",
                    i < scope.size() ? scope.get(i) : "",
                    i < tests.size() ? tests.get(i) : ""
                });
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Plan: ").append(packets.size()).append(packets.size() == 1 ? " task" : " tasks").append('\n');
        out.append(Columns.format(rows));
        if (cut) {
            out.append("Checks longer than ").append(CHECK_WIDTH).append(" characters are cut here (…); each is whole ")
                    .append(whole).append(".\n");
        }
        if (!unverifiable.isEmpty()) {
            out.append("Unverifiable: ").append(String.join(", ", unverifiable))
                    .append(" — no check can tell that the change works; completed will only mean the worker finished.\n");
        }
        if (verifyOnly) {
            out.append(VERIFY_ONLY_NOTE).append('\n');
        }
        return out.toString();
    }

    /**
     * The plan's warnings less those the table already says: a packet's "Packet t1 is unverifiable: …" finding is the
     * table's "Unverifiable: t1" line, and one fact is printed once.
     */
    public static List<String> beyondTable(List<TaskPacket> packets, List<String> warnings) {
        List<String> said = packets.stream().filter(p -> p.verification() == VerificationStrength.UNVERIFIABLE)
                .map(p -> "Packet " + p.id() + " is unverifiable:").toList();
        return warnings.stream().filter(w -> said.stream().noneMatch(w::startsWith)).toList();
    }

    /** The packets as indented JSON, one trailing newline. */
    public String json(ArrayNode packets) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(packets) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("packets cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A Mermaid flowchart. Node ids are generated (t1, t2, ...) because packet ids could collide
     * with Mermaid keywords such as "end"; labels are quoted with Mermaid's entity codes for
     * anything that could close the quote or be read as markup.
     */
    public String mermaid(List<TaskPacket> packets) {
        Map<String, String> nodeIds = nodeIds(packets);
        StringBuilder out = new StringBuilder("graph TD\n");
        int i = 0;
        for (TaskPacket packet : packets) {
            String node = "t" + (++i);
            String label = id(packet) + ": " + titleOf(packet);
            out.append("    ").append(node).append("[\"").append(mermaidText(label)).append("\"]\n");
        }
        appendEdges(packets, nodeIds, out, (from, to) -> "    " + from + " --> " + to + "\n");
        return out.toString();
    }

    /** A Graphviz digraph; ids and labels are DOT double-quoted strings. */
    public String dot(List<TaskPacket> packets) {
        StringBuilder out = new StringBuilder("digraph plan {\n    rankdir=TB;\n    node [shape=box];\n");
        for (TaskPacket packet : packets) {
            String id = id(packet);
            out.append("    ").append(dotString(id)).append(" [label=")
                    .append(dotString(id + ": " + titleOf(packet))).append("];\n");
        }
        Map<String, String> quoted = new HashMap<>();
        for (TaskPacket packet : packets) {
            quoted.put(id(packet), dotString(id(packet)));
        }
        appendEdges(packets, quoted, out, (from, to) -> "    " + from + " -> " + to + ";\n");
        return out.append("}\n").toString();
    }

    private interface EdgeFormat {
        String edge(String from, String to);
    }

    /** Edges dependency → dependent; dependencies not in the plan are left out (the planner reports them). */
    private static void appendEdges(List<TaskPacket> packets, Map<String, String> names, StringBuilder out,
                                    EdgeFormat format) {
        for (TaskPacket packet : packets) {
            String self = names.get(id(packet));
            if (self == null) {
                continue;
            }
            for (String dep : packet.dependencies()) {
                String from = names.get(dep);
                if (from != null) {
                    out.append(format.edge(from, self));
                }
            }
        }
    }

    private static Map<String, String> nodeIds(List<TaskPacket> packets) {
        Map<String, String> ids = new HashMap<>();
        int i = 0;
        for (TaskPacket packet : packets) {
            ids.putIfAbsent(id(packet), "t" + (++i));
        }
        return ids;
    }

    /** Mermaid label text inside ["..."]: entity codes for quote, markup and entity characters. */
    static String mermaidText(String text) {
        String line = SafeText.oneLine(text);
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '"' -> out.append("#quot;");
                case '#' -> out.append("#35;");
                case '&' -> out.append("#amp;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '`' -> out.append("#96;");
                case '[' -> out.append("#91;");
                case ']' -> out.append("#93;");
                case '{' -> out.append("#123;");
                case '}' -> out.append("#125;");
                case '|' -> out.append("#124;");
                case ';' -> out.append("#59;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A DOT double-quoted string: backslash and quote escaped, line breaks flattened. */
    static String dotString(String text) {
        String line = SafeText.oneLine(text);
        StringBuilder out = new StringBuilder(line.length() + 2).append('"');
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static String titleOf(TaskPacket packet) {
        return packet.title() == null || packet.title().isBlank() ? packet.objective() : packet.title();
    }

    private static String id(TaskPacket packet) {
        return packet.id() == null ? "?" : packet.id();
    }

    private static String idOf(TaskPacket packet) {
        return SafeText.oneLine(id(packet));
    }

    static final String WHOLE_WORKSPACE = "whole workspace";
    /** Files shown in the SCOPE column before "+N more" (all of them are in --format json and status --json). */
    static final int SCOPE_FILES = 4;
    /** A file path longer than this is cut in the SCOPE column (its start is kept: the directory says where). */
    static final int SCOPE_WIDTH = 48;

    /**
     * The SCOPE column's lines: the files the packet is expected to change, one a line (at most
     * {@link #SCOPE_FILES}, then "+N more"), as a person approving the plan reads what the agent
     * will touch; a packet that lists none shows {@link #scopeOf its scope path}.
     */
    static List<String> scopeLines(TaskPacket packet) {
        List<String> files = packet.expectedFiles();
        if (files.isEmpty()) {
            return List.of(scopeOf(packet));
        }
        List<String> lines = new ArrayList<>();
        int shown = files.size() > SCOPE_FILES ? SCOPE_FILES - 1 : files.size();
        for (String file : files.subList(0, shown)) {
            lines.add(SafeText.brief(SafeText.oneLine(file), SCOPE_WIDTH));
        }
        if (shown < files.size()) {
            lines.add("+" + (files.size() - shown) + " more files");
        }
        return lines;
    }

    /**
     * What the packet works on, in words: its scope path, or "whole workspace" when that path is
     * the root ("." read as "may change the whole repository" beside a one-file title surprised
     * people, so the root is said in words rather than as ".").
     */
    static String scopeOf(TaskPacket packet) {
        String path = packet.scopePath() == null ? "" : packet.scopePath().strip();
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() || path.equals(".") ? WHOLE_WORKSPACE : SafeText.oneLine(path);
    }

    /**
     * Splits at spaces to at most {@code width} code points per line. A longer word (a path in a title) is broken
     * after its last '/' or ',' that fits, so no directory or file name is cut in two
     * ({@code gson/…/inter} / {@code nal/bind} read as two wrong names); only a part with neither is hard-cut.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            while (SafeText.width(word) > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                int cut = word.offsetByCodePoints(0, width);
                int separator = Math.max(word.lastIndexOf('/', cut - 1), word.lastIndexOf(',', cut - 1));
                if (separator > 0) {
                    cut = separator + 1;
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            if (line.length() > 0 && SafeText.width(line.toString()) + 1 + SafeText.width(word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
