package dev.harness.orchestrator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.protocol.Json;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanRendererTest {
    private final PlanRenderer renderer = new PlanRenderer();

    private static ObjectNode packet(String id, String title, List<String> tests, String... deps) {
        ObjectNode p = Json.object().put("id", id).put("title", title).put("objective", title)
                .put("scope", "module").put("scope_path", "src/" + id);
        tests.forEach(p.putArray("acceptance_tests")::add);
        ArrayNode d = p.putArray("depends_on");
        for (String dep : deps) {
            d.add(dep);
        }
        return p;
    }

    /** The packets as the orchestrator holds them once the planning service has validated them. */
    private static List<TaskPacket> typed(ArrayNode packets) {
        return TaskPacket.listOf(packets);
    }

    private static ArrayNode plan() {
        ArrayNode packets = Json.array();
        packets.add(packet("t1", "Add theme store", List.of("npm test")));
        packets.add(packet("t2", "Add theme toggle", List.of("npm test", "npm run lint"), "t1"));
        packets.add(packet("t3", "Run tests", List.of("npm test"), "t1", "t2"));
        return packets;
    }

    /** Titles that try to break each format. */
    private static final List<String> HOSTILE = List.of(
            "x\"]; evil",
            "a\"] --> t9[\"owned",
            "close }; digraph x { y",
            "line1\nline2\r\nline3",
            "back\\slash \\\" quote",
            "[brackets] (parens) {braces} <b>html</b> & #35; `tick` |pipe|",
            "\u001b[31mred\u001b[0m\u0007");

    private static ArrayNode hostilePlan() {
        ArrayNode packets = Json.array();
        for (int i = 0; i < HOSTILE.size(); i++) {
            packets.add(packet("h" + i, HOSTILE.get(i), List.of("true"), i == 0 ? new String[0] : new String[] {"h" + (i - 1)}));
        }
        return packets;
    }

    @Test
    void tableShowsIdTitleDependenciesScopeAndEveryTest() {
        String table = renderer.table(typed(plan()), false);
        assertThat(table.lines().toList()).containsExactly(
                "Plan: 3 tasks",
                "ID  TITLE             DEPENDS ON  SCOPE   ACCEPTANCE TESTS",
                "t1  Add theme store   -           src/t1  npm test",
                "t2  Add theme toggle  t1          src/t2  npm test",
                "                                          npm run lint",
                "t3  Run tests         t1, t2      src/t3  npm test");
        assertThat(table).doesNotContain(PlanRenderer.VERIFY_ONLY_NOTE);
    }

    /** The SCOPE column names what the packet works on; the root is said in words, never as ".". */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "single_file, version.go,          version.go",
            "single_file, src/tomli/_parser.py, src/tomli/_parser.py",
            "module,      lib,                 lib",
            "module,      ./lib/,              lib",
            "custom,      src/a b,             src/a b",
            "workspace,   .,                   whole workspace",
            "workspace,   ./,                  whole workspace",
            "workspace,   NULL,                whole workspace",
            "module,      .,                   whole workspace",
    })
    void scopeColumnNamesThePathOrTheWholeWorkspace(String scope, String scopePath, String shown) {
        ObjectNode p = Json.object().put("id", "t1").put("title", "Fix it").put("objective", "Fix it")
                .put("scope", scope).put("scope_path", scopePath);
        p.putArray("acceptance_tests").add("go test ./...");
        TaskPacket packet = TaskPacket.listOf(Json.array().add(p)).get(0);
        assertThat(PlanRenderer.scopeOf(packet)).isEqualTo(shown);
        assertThat(renderer.table(List.of(packet), false).lines().skip(2).findFirst().orElseThrow())
                .contains("  " + shown + "  ");
    }

    @Test
    void scopeColumnNamesThePacketsFilesWhenItListsThem() {
        ObjectNode p = Json.object().put("id", "t1").put("title", "Accept urn:uuid: in any case: uuid.go")
                .put("objective", "Fix it").put("scope", "workspace").put("scope_path", ".");
        p.putArray("acceptance_tests").add("go test ./...");
        p.putArray("files").add("uuid.go");
        ObjectNode many = p.deepCopy().put("id", "t2");
        many.putArray("files").add("a.go").add("b.go").add("c.go").add("d.go").add("e.go").add("f.go");
        List<TaskPacket> packets = TaskPacket.listOf(Json.array().add(p).add(many));
        assertThat(PlanRenderer.scopeLines(packets.get(0))).containsExactly("uuid.go");
        assertThat(PlanRenderer.scopeLines(packets.get(1))).containsExactly("a.go", "b.go", "c.go", "+3 more files");
        List<String> lines = renderer.table(packets, false).lines().toList();
        // a one-file packet at the root says its file, not "whole workspace"
        assertThat(lines.get(2)).contains("  uuid.go  ").doesNotContain(PlanRenderer.WHOLE_WORKSPACE);
        assertThat(String.join("\n", lines)).contains("+3 more files");
    }

    @Test
    void unverifiablePacketsAreShownAsSuch() {
        ArrayNode packets = plan();
        ((com.fasterxml.jackson.databind.node.ObjectNode) packets.get(1)).put("verification", "unverifiable");
        String table = renderer.table(typed(packets), false);
        assertThat(table).contains("⚠ unverifiable: no real check")
                .contains("Unverifiable: t2 — no check can tell that the change works");
        assertThat(renderer.table(typed(plan()), false)).doesNotContain("nverifiable");
    }

    @Test
    void aWarningTheTableAlreadySaysIsNotPrintedAgain() {
        ArrayNode packets = plan();
        ((com.fasterxml.jackson.databind.node.ObjectNode) packets.get(1)).put("verification", "unverifiable");
        List<String> warnings = List.of("Packet t2 is unverifiable: no check can tell that its change works, so completing it "
                + "proves nothing; review its change yourself.", "Packet t1 is unverifiable: (not marked so in the plan)",
                "No test command detected (looked for …).");
        assertThat(PlanRenderer.beyondTable(typed(packets), warnings))
                .containsExactly(warnings.get(1), warnings.get(2));
        assertThat(PlanRenderer.beyondTable(typed(plan()), warnings)).isEqualTo(warnings);
    }

    @Test
    void verifyOnlyPlansSaySo() {
        assertThat(renderer.table(typed(plan()), true)).endsWith(PlanRenderer.VERIFY_ONLY_NOTE + "\n")
                .contains("only be verified");
    }

    @Test
    void longTitlesWrapAndCommandsUpToTheCheckWidthAreShownWhole() {
        ArrayNode packets = Json.array();
        String command = "npm test -- --grep 'a very long selection of tests that must all be shown to the approver'";
        packets.add(packet("t1", "Refactor the dashboard theme handling so that the toggle persists across reloads",
                List.of(command)));
        String table = renderer.table(typed(packets), false);
        assertThat(table).contains(command);
        for (String line : table.lines().toList()) {
            String title = line.length() > 4 ? line.substring(4, Math.min(line.length(), 4 + PlanRenderer.TITLE_WIDTH + 1)) : "";
            assertThat(title.strip().length()).isLessThanOrEqualTo(PlanRenderer.TITLE_WIDTH);
        }
        assertThat(String.join(" ", table.lines().skip(2).map(l -> l.substring(4, Math.min(l.length(), 44)).strip()).toList()))
                .isEqualTo("Refactor the dashboard theme handling so that the toggle persists across reloads");
    }

    /** A title's long path wraps after a '/' or ',' so no name is split (gson's "…/gson/inter" + "nal/bind"). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "Edit gson/src/main/java/com/google/gson/internal/bind,gson/src/test/java/com/google/gson/stream; 40;"
                    + " Edit | gson/src/main/java/com/google/gson/ | internal/bind,gson/src/test/java/com/ | google/gson/stream",
            "Fix the parser in src/marked/Lexer.ts; 40; Fix the parser in src/marked/Lexer.ts",
            "Edit lib/a,lib/b,lib/c,lib/d,lib/e,lib/f,lib/g,lib/h,lib/i; 20; Edit | lib/a,lib/b,lib/c, | lib/d,lib/e,lib/f, | lib/g,lib/h,lib/i",
            // no separator to break at (or only a leading one): hard-cut at the width, as before
            "Edit abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz; 40; Edit | abcdefghijklmnopqrstuvwxyzabcdefghijklmn | opqrstuvwxyz",
            "/abcdefghijklmnopqrstuvwxyz; 10; /abcdefghi | jklmnopqrs | tuvwxyz",
    })
    void aLongPathInATitleWrapsAfterASeparatorNotInsideAName(String title, int width, String lines) {
        assertThat(PlanRenderer.wrap(title, width)).containsExactly(lines.split(" \\| "));
    }

    @Test
    void aVeryLongCheckIsCutInTheTableWhichSaysWhereItIsWhole() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 37; i++) {
            names.append(i == 0 ? "" : "|").append("TestParseCase").append(i);
        }
        String command = "go test -run '^(" + names + ")$' .";
        ArrayNode packets = Json.array();
        packets.add(packet("t1", "Accept urn:uuid: in any case: uuid.go", List.of(command, "go vet ./...")));
        String table = renderer.table(typed(packets), false, "in the plan file /r/plan.json");
        assertThat(table).doesNotContain(command).contains("go test -run '^(TestParseCase0|", "…", "go vet ./...")
                .contains("Checks longer than " + PlanRenderer.CHECK_WIDTH + " characters are cut here (…);"
                        + " each is whole in the plan file /r/plan.json.");
        assertThat(table.lines().mapToInt(String::length).max().orElseThrow()).isLessThan(200);
        assertThat(renderer.json(packets)).contains(command.replace("\"", "\\\""));
        // nothing cut, nothing said
        assertThat(renderer.table(typed(plan()), false)).doesNotContain("are cut here");
    }

    @Test
    void tableNeutralisesControlCharactersAndLineBreaks() {
        String table = renderer.table(typed(hostilePlan()), false);
        assertThat(table).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
        // one header + column row, then one row per packet (titles here fit the width)
        assertThat(table.lines().filter(l -> l.startsWith("h")).count()).isEqualTo(HOSTILE.size());
        assertThat(table).contains("h3  line1 line2 line3 ");
    }

    @Test
    void jsonIsThePacketsVerbatim() throws Exception {
        ArrayNode packets = hostilePlan();
        assertThat(Json.parse(renderer.json(packets))).isEqualTo(packets);
    }

    @Test
    void mermaidIsAFlowchartWithOneNodeLinePerPacketAndEdgesFromDependencies() {
        String mermaid = renderer.mermaid(typed(plan()));
        assertThat(mermaid.lines().toList()).containsExactly(
                "graph TD",
                "    t1[\"t1: Add theme store\"]",
                "    t2[\"t2: Add theme toggle\"]",
                "    t3[\"t3: Run tests\"]",
                "    t1 --> t2",
                "    t1 --> t3",
                "    t2 --> t3");
    }

    @Test
    void mermaidLabelsCannotEscapeTheirQuotes() {
        ArrayNode packets = hostilePlan();
        String mermaid = renderer.mermaid(typed(packets));
        List<String> lines = mermaid.lines().toList();
        assertThat(lines).hasSize(1 + HOSTILE.size() + (HOSTILE.size() - 1));
        Pattern node = Pattern.compile("    t\\d+\\[\"[^\"\\[\\]{}<>`\\n]*\"\\]");
        Pattern edge = Pattern.compile("    t\\d+ --> t\\d+");
        for (String line : lines.subList(1, lines.size())) {
            assertThat(node.matcher(line).matches() || edge.matcher(line).matches()).as(line).isTrue();
        }
        assertThat(mermaid).contains("x#quot;#93;#59; evil").doesNotContain("\u001b");
        assertThat(lines.stream().filter(edge.asMatchPredicate()).count()).isEqualTo(HOSTILE.size() - 1);
    }

    @Test
    void mermaidNodeIdsAreGeneratedSoKeywordIdsAreHarmless() {
        ArrayNode packets = Json.array();
        packets.add(packet("end", "first", List.of("true")));
        packets.add(packet("graph", "second", List.of("true"), "end"));
        assertThat(renderer.mermaid(typed(packets)).lines().toList()).containsExactly(
                "graph TD", "    t1[\"end: first\"]", "    t2[\"graph: second\"]", "    t1 --> t2");
    }

    @Test
    void dotIsADigraphWithQuotedIdsAndLabels() {
        assertThat(renderer.dot(typed(plan())).lines().toList()).containsExactly(
                "digraph plan {",
                "    rankdir=TB;",
                "    node [shape=box];",
                "    \"t1\" [label=\"t1: Add theme store\"];",
                "    \"t2\" [label=\"t2: Add theme toggle\"];",
                "    \"t3\" [label=\"t3: Run tests\"];",
                "    \"t1\" -> \"t2\";",
                "    \"t1\" -> \"t3\";",
                "    \"t2\" -> \"t3\";",
                "}");
    }

    @Test
    void dotStringsCannotEscapeTheirQuotes() {
        ArrayNode packets = hostilePlan();
        // a hostile dependency id is not a task of the plan: never drawn, so it cannot break the syntax either
        ((ObjectNode) packets.get(2)).putArray("depends_on").add("id\"; evil -> x; \"");
        List<String> lines = renderer.dot(typed(packets)).lines().toList();
        String quoted = "\"(?:[^\"\\\\\\n]|\\\\.)*\"";
        Pattern node = Pattern.compile("    " + quoted + " \\[label=" + quoted + "\\];");
        Pattern edge = Pattern.compile("    " + quoted + " -> " + quoted + ";");
        assertThat(lines.get(0)).isEqualTo("digraph plan {");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("}");
        long nodes = 0;
        long edges = 0;
        for (String line : lines.subList(3, lines.size() - 1)) {
            boolean isNode = node.matcher(line).matches();
            boolean isEdge = edge.matcher(line).matches();
            assertThat(isNode || isEdge).as(line).isTrue();
            nodes += isNode ? 1 : 0;
            edges += isEdge ? 1 : 0;
        }
        assertThat(nodes).isEqualTo(HOSTILE.size());
        assertThat(edges).isEqualTo(HOSTILE.size() - 2);
        assertThat(renderer.dot(typed(packets))).contains("label=\"h0: x\\\"]; evil\"").doesNotContain("evil ->");
    }

    /** A hostile id cannot reach the renderer (the packet refuses it), and the DOT quoting would hold it anyway. */
    @Test
    void hostileIdsAreRefusedAndWouldStillBeQuoted() {
        ArrayNode packets = hostilePlan();
        ((ObjectNode) packets.get(1)).put("id", "id\"; evil -> x; \"");
        assertThatThrownBy(() -> typed(packets)).hasMessageContaining("must be 1-64 letters");
        assertThat(PlanRenderer.dotString("id\"; evil -> x; \"")).isEqualTo("\"id\\\"; evil -> x; \\\"\"");
        assertThat(PlanRenderer.mermaidText("a\"] --> t9[\"owned")).isEqualTo("a#quot;#93; --#gt; t9#91;#quot;owned");
    }

    @Test
    void dependenciesOutsideThePlanAreNotDrawn() {
        ArrayNode packets = Json.array();
        packets.add(packet("t1", "only", List.of("true"), "ghost"));
        assertThat(renderer.mermaid(typed(packets))).doesNotContain("-->");
        assertThat(renderer.dot(typed(packets))).doesNotContain("->");
    }

    @Test
    void aPacketWithoutARealCheckIsShownAsUnverifiable() {
        ArrayNode packets = Json.array();
        packets.add(packet("t1", "Write the greeter", List.of()).put("verification", "unverifiable"));
        assertThat(renderer.table(typed(packets), false)).contains("(none: unverifiable)");
    }
}
