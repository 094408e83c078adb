package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unittest project is checked the way it runs its tests (python -m unittest), narrowed to the TestCase class named after
 * the function the objective names (a whole test module can take minutes), else to tests named after it with -k; the
 * Makefile's test target that only runs unittest is not a second full run; a type stub is no change file for a behaviour.
 */
class UnittestSelectionTest {
    @TempDir
    Path temp;

    /** A flat package with two modules, their stubs, unittest from tox and make, and one test module per source module. */
    private Path iterLibrary(String testMore) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("iterlib"));
        write(ws, "tox.ini", "[testenv]\ncommands = {envpython} -m unittest -v {posargs}\n");
        write(ws, "Makefile", ".PHONY: test\ntest:\n\tpython -m unittest -v ${tests}\n");
        write(ws, "iterlib/__init__.py", "from .more import *\nfrom .recipes import *\n");
        write(ws, "iterlib/more.py", "def batched_pairs(iterable, n):\n    \"\"\"Yield pairs of n items.\"\"\"\n"
                + "    if n < 1:\n        raise ValueError('n must be at least one')\n    return iter(iterable)\n\n\n"
                + "def windowed(seq, n):\n    \"\"\"Windows over seq.\"\"\"\n    return iter(seq)\n");
        write(ws, "iterlib/more.pyi", "def batched_pairs(iterable, n: int): ...\ndef windowed(seq, n: int): ...\n");
        write(ws, "iterlib/recipes.py", "def take(n, iterable):\n    \"\"\"First n items.\"\"\"\n    return list(iterable)[:n]\n");
        write(ws, "iterlib/recipes.pyi", "def take(n: int, iterable): ...\n");
        write(ws, "tests/__init__.py", "");
        write(ws, "tests/test_more.py", testMore);
        write(ws, "tests/test_recipes.py", "from unittest import TestCase\n\nimport iterlib as mi\n\n\n"
                + "class TakeTests(TestCase):\n    def test_simple(self):\n        self.assertEqual(mi.take(1, [1, 2]), [1])\n");
        return ws;
    }

    private static final String WITH_CLASSES = "from unittest import TestCase\n\nimport iterlib as mi\n\n\n"
            + "class BatchedPairsTests(TestCase):\n    def test_zero(self):\n        self.assertRaises(ValueError, mi.batched_pairs, [], 0)\n\n\n"
            + "class WindowedTests(TestCase):\n    def test_basic(self):\n        list(mi.windowed([1], 1))\n";

    private static List<String> checks(PlanDraft draft) {
        return draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
    }

    @Test
    void theTestCaseClassNamedAfterTheFunctionIsTheCheckAndMakeTestIsNotASecondFullRun() throws Exception {
        Path ws = iterLibrary(WITH_CLASSES);
        PlanDraft draft = new BuiltInPlanner().plan("`batched_pairs` must raise ValueError when n is zero", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        // the stub (more.pyi) describes the signature, which a behaviour change keeps
        assertThat(draft.packets().get(0).objective()).startsWith("Make the change in iterlib/more.py that");
        assertThat(checks(draft)).containsExactly("python3 -m unittest tests.test_more.BatchedPairsTests", "python3 -m unittest");
    }

    @Test
    void withoutAClassNamedAfterItTheTestsNamedAfterItAreSelectedWithK() throws Exception {
        Path ws = iterLibrary("from unittest import TestCase\n\nimport iterlib as mi\n\n\n"
                + "class PairsAndWindows(TestCase):\n    def test_batched_pairs_zero(self):\n"
                + "        self.assertRaises(ValueError, mi.batched_pairs, [], 0)\n\n    def test_windowed(self):\n"
                + "        list(mi.windowed([1], 1))\n");
        PlanDraft draft = new BuiltInPlanner().plan("`batched_pairs` must raise ValueError when n is zero", facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("python3 -m unittest tests.test_more -k batched_pairs");
    }

    @Test
    void aNameNoTestIsNamedAfterKeepsTheWholeModule() throws Exception {
        Path ws = iterLibrary("from unittest import TestCase\n\nimport iterlib as mi\n\n\n"
                + "class Errors(TestCase):\n    def test_zero(self):\n        self.assertRaises(ValueError, mi.batched_pairs, [], 0)\n");
        PlanDraft draft = new BuiltInPlanner().plan("`batched_pairs` must raise ValueError when n is zero", facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("python3 -m unittest tests.test_more");
    }

    @Test
    void aQuotedValueThatLooksLikeANameIsNoNewApi() throws Exception {
        Path ws = iterLibrary(WITH_CLASSES);
        // 'aAbB' is an input, not a name the stub lacks: the behaviour change keeps the stub out
        PlanDraft draft = new BuiltInPlanner().plan("`windowed` over `'aAbB'` with n 2 must yield two windows", facts(ws), null);
        assertThat(draft.packets().get(0).objective()).startsWith("Make the change in iterlib/more.py that");
        assertThat(checks(draft)).first().asString().isEqualTo("python3 -m unittest tests.test_more.WindowedTests");
    }

    @Test
    void aStubChangesWithItsModuleWhenTheObjectiveChangesTheSignature() throws Exception {
        Path ws = iterLibrary(WITH_CLASSES);
        PlanDraft draft = new BuiltInPlanner().plan("add a `strict` parameter to `batched_pairs` that raises when the last pair is short",
                facts(ws), null);
        assertThat(draft.packets().get(0).objective()).contains("iterlib/more.pyi");
    }
}
