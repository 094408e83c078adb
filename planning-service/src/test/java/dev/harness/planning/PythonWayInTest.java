package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parser library (round 16's parso): the method the objective names, {@code Grammar.iter_errors()}, only guards and
 * returns another call; the module keeping the message the objective quotes is where the check is written.
 */
class PythonWayInTest {
    @TempDir
    Path temp;

    private Path parser(String iterErrorsBody) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("parsy"));
        write(ws, "pytest.ini", "[pytest]\naddopts = -ra\ntestpaths = test\n");
        write(ws, "parsy/__init__.py", "from parsy.grammar import Grammar\n");
        write(ws, "parsy/grammar.py", "from parsy.normalizer import Normalizer\n\n\nclass Grammar:\n"
                + "    def __init__(self, config=None):\n        self._error_normalizer_config = config\n\n"
                + "    def iter_errors(self, node):\n        \"\"\"\n        Given a node returns a generator of issues: the syntax\n"
                + "        errors of the tree.\n        \"\"\"\n" + iterErrorsBody + "\n"
                + "    def _get_normalizer_issues(self, node, config):\n        return Normalizer(config).walk(node)\n");
        write(ws, "parsy/normalizer.py", "\"\"\"Walks a tree and collects the issues its rules report (iter_errors uses it).\"\"\"\n"
                + "class Normalizer:\n    def __init__(self, config):\n        self.config = config\n"
                + "        self.issues = []\n\n    def walk(self, node):\n        return self.issues\n");
        write(ws, "parsy/errors.py", "class ArglistRule:\n    \"\"\"The syntax errors of a call's arguments: a keyword passed twice.\"\"\"\n\n"
                + "    def is_issue(self, node):\n        kwargs = set()\n"
                + "        for argument in node.children:\n"
                + "            # like CPython, report the second occurrence of a keyword passed twice in one call\n"
                + "            if argument.name in kwargs:\n"
                + "                message = \"keyword argument repeated\"\n                self.add_issue(argument, message)\n"
                + "            kwargs.add(argument.name)\n\n    def add_issue(self, node, message):\n"
                + "        self.issues.append(\"SyntaxError: \" + message)\n\n\n"
                + "class PositionalAfterKeywordRule:\n    \"\"\"A positional argument after a keyword argument in one call.\"\"\"\n\n"
                + "    def is_issue(self, node):\n        seen_keyword = False\n        for argument in node.children:\n"
                + "            if argument.is_keyword:\n                seen_keyword = True\n            elif seen_keyword:\n"
                + "                return \"positional argument follows keyword argument\"\n        return None\n");
        write(ws, "test/test_errors.py", "from parsy.errors import ArglistRule\n\n\ndef test_repeated():\n    assert ArglistRule\n");
        write(ws, "test/test_grammar.py", "from parsy import Grammar\n\n\ndef test_iter_errors():\n    assert Grammar().iter_errors\n");
        return ws;
    }

    private static final String OBJECTIVE = "A call that passes the same keyword twice, e.g. `f(q=1, q=2)`, is not reported by "
            + "Grammar.iter_errors() although CPython rejects it. parsy should report \"SyntaxError: keyword argument repeated\" "
            + "on the second occurrence.";

    @Test
    void theModuleKeepingTheQuotedMessageIsTheChangeNotTheMethodThatReachesIt() throws Exception {
        Path ws = parser("        if self._error_normalizer_config is None:\n"
                + "            raise ValueError(\"No error normalizer specified for this grammar.\")\n"
                + "        return self._get_normalizer_issues(node, self._error_normalizer_config)\n");
        PlanDraft draft = new BuiltInPlanner().plan(OBJECTIVE, facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).startsWith("Make the change in parsy/errors.py that").doesNotContain("grammar.py");
    }

    @Test
    void aNamedMethodDoingTheWorkItselfStays() throws Exception {
        Path ws = parser("        issues = []\n        for child in node.children:\n            if child.kind == 'arglist':\n"
                + "                issues.extend(self._arglist(child))\n            elif child.kind == 'call':\n"
                + "                issues.append(child)\n        return sorted(issues)\n");
        PlanDraft draft = new BuiltInPlanner().plan(OBJECTIVE, facts(ws), null);
        assertThat(draft.packets().get(0).objective()).contains("parsy/grammar.py");
    }
}
