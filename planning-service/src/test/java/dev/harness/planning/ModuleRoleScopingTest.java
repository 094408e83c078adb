package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files that hold the objective's words for another role than doing what it asks: a vocabulary module listing every
 * keyword of a language, a sibling module of the one the objective names, the reader of an option that only hands it
 * to the class it builds; and data files named like a module, which are no test of it.
 */
class ModuleRoleScopingTest {
    @TempDir
    Path temp;

    /** A splitter handling BEGIN … END blocks, and a keyword table that lists every word of the objective. */
    private Path splitterProject() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("checkout"));
        write(ws, "pyproject.toml", "[project]\nname = \"sqlsplit\"\n");
        write(ws, "sqlsplit/__init__.py", "from sqlsplit.engine.splitter import split\n");
        write(ws, "sqlsplit/engine/__init__.py", "");
        write(ws, "sqlsplit/engine/splitter.py", "from sqlsplit import keywords\n\n\n"
                + "def split(text):\n    \"\"\"Split text into statements, keeping a BEGIN ... END block as one statement.\"\"\"\n"
                + "    statements, current, level = [], [], 0\n"
                + "    for word in text.split():\n        unified = word.upper()\n"
                + "        if unified == 'BEGIN':\n            level += 1\n        elif unified == 'END':\n            level -= 1\n"
                + "        current.append(word)\n        if word.endswith(';') and level == 0:\n"
                + "            statements.append(' '.join(current))\n            current = []\n"
                + "    # the lines after a block start a new statement\n    return statements\n");
        StringBuilder table = new StringBuilder("from sqlsplit import tokens\n\n#: every keyword, to the token it is\nKEYWORDS = {\n");
        for (String word : List.of("BEGIN", "END", "TRANSACTION", "WORK", "START", "STATEMENT", "BLOCK", "AFTER", "SPLIT",
                "OWN", "LINES", "TREAT", "NORMALLY")) {
            table.append("    '").append(word).append("': tokens.Keyword,\n");
        }
        for (int i = 0; i < 80; i++) {
            table.append("    'WORD").append(i).append("': tokens.Keyword,\n");
        }
        write(ws, "sqlsplit/keywords.py", table.append("}\n").toString());
        write(ws, "sqlsplit/tokens.py", "Keyword = object()\n");
        write(ws, "tests/test_split.py", "import sqlsplit\n\n\ndef test_split():\n    assert len(sqlsplit.split('a; b;')) == 2\n");
        return ws;
    }

    @Test
    void aTableOfKeywordsIsNoPlaceForABehaviour() throws Exception {
        Path ws = splitterProject();
        assertThat(located("`sqlsplit.split` must treat `BEGIN TRANSACTION` (also written over two lines) as a statement of "
                + "its own, not as the start of a `BEGIN … END` block, so the statements after it are split normally", facts(ws)))
                .containsExactly("sqlsplit/engine/splitter.py");
    }

    @Test
    void theTableIsThePlaceWhenTheObjectiveNamesIt() throws Exception {
        Path ws = splitterProject();
        assertThat(located("add `MERGE` to the keywords table, so that it is read as a keyword", facts(ws)))
                .contains("sqlsplit/keywords.py");
    }

    @ParameterizedTest(name = "{0} lines of entries in {1}: {2}")
    @CsvSource({
        "60, 70, true",
        "60, 140, false",
        "20, 25, false",
    })
    void aVocabularyTableIsMostlyEntries(int entries, int lines, boolean table) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("t" + entries + "-" + lines));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(i < entries ? "    \"word" + i + "\": 1,\n" : "x" + i + " = compute(" + i + ")\n");
        }
        write(ws, "words.py", text.toString());
        write(ws, "pyproject.toml", "[project]\nname = \"t\"\n");
        assertThat(ChangeLocator.vocabularyTable(facts(ws), "words.py")).isEqualTo(table);
    }

    /** Two extensions in one directory, both about "unique ids"; the objective names one of them. */
    private Path extensionsProject() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("mdown"));
        write(ws, "pyproject.toml", "[project]\nname = \"mdown\"\n");
        write(ws, "mdown/__init__.py", "");
        write(ws, "mdown/extensions/__init__.py", "class Extension:\n    pass\n");
        write(ws, "mdown/extensions/toc.py", "from . import Extension\n\n\n"
                + "def unique(id, ids):\n    \"\"\"Ensure id is unique in set of ids. Append '_1', '_2'... if not.\"\"\"\n"
                + "    while id in ids:\n        id = '%s_%d' % (id, 1)\n    ids.add(id)\n    return id\n\n\n"
                + "class TocExtension(Extension):\n    \"\"\"Adds ids to headings and a table of contents.\"\"\"\n"
                + "    def run(self, headings):\n        ids = set()\n"
                + "        return [unique(text.lower(), ids) for text in headings]\n");
        write(ws, "mdown/extensions/notes.py", "from . import Extension\n\n\n"
                + "class NotesExtension(Extension):\n    \"\"\"Footnotes with unique ids: the same text gets the same note.\"\"\"\n"
                + "    def __init__(self):\n        self.config = {'UNIQUE_IDS': False, 'SEPARATOR': ':'}\n\n"
                + "    def make_id(self, text, ids):\n        if self.config['UNIQUE_IDS']:\n"
                + "            return '%s%s%d' % (text, self.config['SEPARATOR'], len(ids))\n        return text\n\n"
                + "    def get_ids(self, headings, second, third):\n        return [self.make_id(text, set()) for text in headings]\n");
        write(ws, "tests/test_syntax/extensions/test_toc.py", "import unittest\n\nfrom mdown.extensions.toc import unique\n\n\n"
                + "class TestToc(unittest.TestCase):\n    def test_unique(self):\n"
                + "        self.assertEqual(unique('header', {'header'}), 'header_1')\n");
        write(ws, "tests/test_notes.py", "import unittest\n\nfrom mdown.extensions.notes import NotesExtension\n\n\n"
                + "class TestNotes(unittest.TestCase):\n    def test_ids(self):\n"
                + "        self.assertEqual(NotesExtension().make_id('a', set()), 'a')\n");
        // the inputs and expected outputs of the legacy suite, named like the extension: data, not tests to run
        for (String name : List.of("toc", "toc_invalid", "toc_nested", "toc_nested2", "toc_nested_list", "toc_out_of_order")) {
            write(ws, "tests/extensions/" + name + ".txt", "# Header\n\n# Header\n");
            write(ws, "tests/extensions/" + name + ".html", "<h1 id=\"header\">Header</h1>\n<h1 id=\"header_1\">Header</h1>\n");
        }
        return ws;
    }

    private static final String TOC_OBJECTIVE = "with the `toc` extension, headings with the same text must get unique ids: "
            + "the second `# Header` gets `id=\"header_1\"`, the third `header_2`";

    @Test
    void aSiblingOfTheModuleTheObjectiveNamesIsAnotherModule() throws Exception {
        assertThat(located(TOC_OBJECTIVE, facts(extensionsProject()))).containsExactly("mdown/extensions/toc.py");
    }

    @Test
    void theTestModuleComesBeforeDataFilesNamedLikeTheModule() throws Exception {
        WorkspaceFacts facts = facts(extensionsProject());
        ChangeLocator.Keys keys = ChangeLocator.keys(TOC_OBJECTIVE);
        ChangeLocator.FileMatch toc = ChangeLocator.locate(keys, facts, ChangeLocator.projectNames(facts)).get(0);
        assertThat(BuiltInPlanner.coveringTests(toc, facts, keys).tests()).first()
                .isEqualTo("tests/test_syntax/extensions/test_toc.py");
    }

    @Test
    void aModuleShowingTheNamedFunctionInItsDocstringsOnlyIsNoPlace() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("checkout"));
        write(ws, "pyproject.toml", "[project]\nname = \"grammar\"\n");
        write(ws, "grammar/__init__.py", "from .core import *\nfrom .helpers import *\n");
        // the big core module: its methods' docstrings show `any_word` in examples, and it is full of the objective's words
        StringBuilder core = new StringBuilder("class Element:\n    \"\"\"A grammar element: match, alternative, order.\"\"\"\n\n");
        for (int i = 0; i < 2; i++) {
            core.append("    def split_").append(i).append("(\n        self,\n        text: str,\n    ) -> list:\n")
                    .append("        \"\"\"Split on the longer or shorter alternative, whatever the order, caseless or not.\n\n")
                    .append("        Example::\n\n            punc = any_word(list('.,;'))\n")
                    .append("            print(punc.split('a, b; c'))\n        \"\"\"\n")
                    .append("        longer = [m for m in self.match(text) if m.alternative]\n")
                    .append("        return sorted(longer, key=len)  # the longer match before the shorter one\n\n");
        }
        write(ws, "grammar/core.py", core.toString());
        write(ws, "grammar/helpers.py", "from .core import Element\n\n\n"
                + "def any_word(words, caseless=False):\n"
                + "    \"\"\"Match any of the words, whatever their order: a longer alternative before a shorter one it\n"
                + "    starts with, and with caseless, each match spelled as in the list.\"\"\"\n"
                + "    alternatives = sorted(words.split(), key=len, reverse=True)\n"
                + "    return Element(alternatives, caseless)\n");
        write(ws, "tests/test_unit.py", "from grammar import any_word\n\n\ndef test_any_word():\n    assert any_word('< <=')\n");
        assertThat(located("`any_word` must try a longer alternative before a shorter one it starts with, whatever the order "
                + "given (`any_word(\"< = > <= >=\")` matches `<=` whole), and with `caseless=True` return each match spelled "
                + "as in the list", facts(ws))).containsExactly("grammar/helpers.py");
    }

    @Test
    void pytestIsNeverHandedADataFileNamedLikeTheModule() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("checkout"));
        write(ws, "setup.py", "from setuptools import setup\nsetup(name='query')\n");
        write(ws, "requirements.txt", "pytest==6.2.5\n");
        write(ws, "query/__init__.py", "");
        write(ws, "query/functions.py", "def sort_by(items, key):\n    \"\"\"Sort items by key; raise TypeError on mixed types.\"\"\"\n"
                + "    return sorted(items, key=key)\n");
        write(ws, "tests/test_functions.py", "from query.functions import sort_by\n\n\ndef test_sort_by():\n"
                + "    assert sort_by([2, 1], key=int) == [1, 2]\n");
        write(ws, "tests/compliance/functions.json", "[{\"expression\": \"sort_by(@, &a)\", \"result\": []}]\n");
        PlanDraft draft = new BuiltInPlanner().plan("`sort_by` must raise a `TypeError` when the key gives mixed types",
                facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(checks).contains("python3 -m pytest 'tests/test_functions.py'").noneMatch(c -> c.contains(".json"));
    }

    @Test
    void anOptionLeadsToTheClassItsReaderBuilds() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("sqlfmt"));
        write(ws, "pyproject.toml", "[project]\nname = \"sqlfmt\"\n");
        write(ws, "sqlfmt/__init__.py", "from sqlfmt.formatter import build_filter_stack\n\n\n"
                + "def format(sql, **options):\n    return build_filter_stack(options).run(sql)\n");
        write(ws, "sqlfmt/formatter.py", "from sqlfmt import filters\n\n\n"
                + "def build_filter_stack(options):\n    stack = filters.Stack()\n"
                + "    if options.get('name_case'):\n        stack.append(\n"
                + "            filters.NameCaseFilter(options['name_case']))\n    return stack\n");
        write(ws, "sqlfmt/filters/__init__.py", "from sqlfmt.filters.case import NameCaseFilter, Stack\n");
        write(ws, "sqlfmt/filters/case.py", "class Stack(list):\n    def run(self, sql):\n"
                + "        for f in self:\n            sql = f(sql)\n        return sql\n\n\n"
                + "class NameCaseFilter:\n    def __init__(self, case='upper'):\n        self.convert = getattr(str, case)\n\n"
                + "    def __call__(self, sql):\n        return ' '.join(w if w[0] == '\"' else self.convert(w) for w in sql.split())\n");
        // words of the objective everywhere: quoted, unquoted, double, written
        write(ws, "sqlfmt/utils.py", "import re\n\n# It matches groups of characters: double quoted strings, or unquoted text,\n"
                + "# as written: unquoted text is split, quoted text stays.\n"
                + "SPLIT = re.compile(r'(\"[^\"]*\"|[^\"]+)')\n\n\ndef unquoted(text):\n"
                + "    \"\"\"The unquoted parts of text; double quoted ones are dropped.\"\"\"\n"
                + "    return [part for part in SPLIT.findall(text) if not part.startswith('\"')]\n\n\n"
                + "def quoted(text):\n    return [part for part in SPLIT.findall(text) if part.startswith('\"')]\n");
        write(ws, "examples/upper_names.py", "import sqlfmt\n\n# upper-case the names of a table, as written\n"
                + "print(sqlfmt.format('select name from table', name_case='upper'))\n");
        write(ws, "tests/test_format.py", "import sqlfmt\n\n\ndef test_name_case():\n"
                + "    assert sqlfmt.format('a \"b\"', name_case='upper') == 'A \"b\"'\n");
        assertThat(located("`sqlfmt.format` with `name_case='upper'` must not change a double-quoted name (`\"MyTable\"` "
                + "stays as written) while upper-casing unquoted names", facts(ws))).containsExactly("sqlfmt/filters/case.py");
    }
}
