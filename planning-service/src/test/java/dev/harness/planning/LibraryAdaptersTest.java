package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jsonpickle's datetime objective (round 21): a module adapting the project to a library the objective never names
 * (ext/pandas.py, importing pandas, repeating isoformat for a Timestamp) is not where the project's own datetimes are
 * flattened; the builtin `str()` the objective cites as an example is the language's, not a name of the project's; and a
 * test writing both `import pkg` and `from pkg import tags` reaches what the package's entry imports (datetime_test.py
 * is the check, not every test reaching the handlers by name).
 */
class LibraryAdaptersTest {
    @TempDir
    Path temp;

    private Path pickling() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("pickling"));
        write(ws, "pyproject.toml", "[project]\nname = \"pickling\"\n");
        write(ws, "pickling/__init__.py", "from .handlers import register\nfrom .pickler import encode\n");
        write(ws, "pickling/tags.py", "OBJECT = 'py/object'\nSTATE = 'py/state'\n");
        write(ws, "pickling/handlers.py", "import datetime\n\n\nclass BaseHandler:\n    def __init__(self, context):\n"
                + "        self.context = context\n\n\nclass DatetimeHandler(BaseHandler):\n"
                + "    \"\"\"Flattens date, time and datetime values.\"\"\"\n\n    def flatten(self, obj, data):\n"
                + "        if not self.context.unpicklable:\n            if hasattr(obj, 'isoformat'):\n"
                + "                return obj.isoformat()\n            return str(obj)\n        data['__reduce__'] = repr(obj)\n"
                + "        return data\n\n\ndef register(cls, handler):\n    pass\n");
        write(ws, "pickling/pickler.py", "from . import handlers, tags\n\n\ndef encode(value, unpicklable=True):\n"
                + "    return Pickler(unpicklable).flatten(value)\n\n\nclass Pickler:\n    def __init__(self, unpicklable):\n"
                + "        self.unpicklable = unpicklable\n\n    def flatten(self, obj):\n        if isinstance(obj, str):\n"
                + "            return obj\n        return self._flatten_obj_instance(obj)\n\n"
                + "    def _flatten_obj_instance(self, obj):\n        return {tags.OBJECT: str(type(obj))}\n\n"
                + "    def _flatten_key_value_pair(self, k, v, data):\n        data[str(k)] = self.flatten(v)\n        return data\n");
        write(ws, "pickling/ext/pandas.py", "import pandas as pd\n\nfrom ..handlers import BaseHandler, register\n\n\n"
                + "class TimestampHandler(BaseHandler):\n    \"\"\"A pandas Timestamp flattened with its isoformat.\"\"\"\n\n"
                + "    def flatten(self, obj, data):\n        meta = {'isoformat': obj.isoformat()}\n"
                + "        data['meta'] = meta\n        return data\n\n    def restore(self, data):\n"
                + "        isoformat = data['meta']['isoformat']\n        return pd.Timestamp(isoformat)\n\n\n"
                + "def register_handlers():\n    register(pd.Timestamp, TimestampHandler)\n    # datetime values of a frame: isoformat\n");
        write(ws, "pickling/backend.py", "import json\n\n\nclass JSONBackend:\n    def encode(self, obj):\n"
                + "        return json.dumps(obj)\n\n    def decode(self, text):\n        return json.loads(text)\n");
        write(ws, "pickling/unpickler.py", "from . import tags\n\n\ndef decode(text, backend=None):\n"
                + "    \"\"\"Restores what encode wrote.\"\"\"\n    return backend.decode(text)\n");
        write(ws, "pickling/util.py", "def b64encode(data):\n    import base64\n    return base64.b64encode(data).decode()\n\n\n"
                + "def is_primitive(obj):\n    return isinstance(obj, (str, int, float, bool))\n");
        write(ws, "tests/datetime_test.py", "import datetime\n\nimport pickling\nfrom pickling import tags\n\n\n"
                + "def test_datetime_unpicklable_false():\n    value = datetime.datetime(2024, 1, 2, 3, 4, 5)\n"
                + "    assert pickling.encode(value, unpicklable=False) == value.isoformat()\n");
        write(ws, "tests/handler_test.py", "from pickling import handlers\n\n\ndef test_register():\n"
                + "    handlers.register(object, handlers.BaseHandler)\n");
        return ws;
    }

    private static final String OBJECTIVE = "With unpicklable=False, datetimes are not emitted as ISO 8601: "
            + "pickling.encode(datetime.datetime(2024, 1, 2, 3, 4, 5), unpicklable=False) gives \"2024-01-02 03:04:05\" "
            + "(a space, like str()) instead of \"2024-01-02T03:04:05\". Date, time and datetime values should be flattened "
            + "with their isoformat() so the output matches obj.isoformat().";

    @Test
    void anAdapterForALibraryTheObjectiveDoesNotNameIsNoPlace() throws Exception {
        WorkspaceFacts facts = facts(pickling());
        assertThat(LibraryAdapters.adapted(facts, "pickling/ext/pandas.py")).isEqualTo("pandas");
        assertThat(LibraryAdapters.adapted(facts, "pickling/handlers.py")).isNull();
        assertThat(located(marked(OBJECTIVE, facts), facts)).containsExactly("pickling/handlers.py");
    }

    @Test
    void anAdapterIsThePlaceWhenTheObjectiveNamesItsLibrary() throws Exception {
        WorkspaceFacts facts = facts(pickling());
        assertThat(located("A pandas Timestamp restored from its isoformat loses its timezone: pd.Timestamp(isoformat) "
                + "should be given the tz the TimestampHandler flattened.", facts)).first().isEqualTo("pickling/ext/pandas.py");
    }

    @Test
    void aBuiltinCitedAsAnExampleIsNoNameOfTheProjects() {
        assertThat(ChangeLocator.keys("gives \"a b\" (a space, like `str()`) instead of `isoformat()`").identifiers())
                .doesNotContain("str").contains("isoformat");
        assertThat(ChangeLocator.keys("`.str()` drops the sign").identifiers()).contains("str");
        assertThat(ChangeLocator.keys("parsing \"{a: 007}\" yields a = 7 (float64) instead of a string").identifiers())
                .doesNotContain("float64");
        assertThat(ChangeLocator.keys("v.Float64() returns 0 for \"1e3\"").identifiers()).contains("float64");
        assertThat(ChangeLocator.keys("codes longer than 11 characters overflow a uint64").identifiers()).contains("uint64");
    }

    @Test
    void aTestImportingThePackageWholeReachesWhatItsEntryImports() throws Exception {
        WorkspaceFacts facts = facts(pickling());
        assertThat(facts.graph().reaches("tests/datetime_test.py", "pickling/handlers.py")).isTrue();
        ChangeLocator.Keys keys = ChangeLocator.keys(marked(OBJECTIVE, facts));
        ChangeLocator.FileMatch match = new ChangeLocator.FileMatch("pickling/handlers.py", 1.0, java.util.List.of(), "");
        assertThat(BuiltInPlanner.coveringTests(match, facts, keys).tests()).containsExactly("tests/datetime_test.py");
    }

    private static String marked(String objective, WorkspaceFacts facts) {
        return CodeForm.marked(objective, w -> facts.content().occurrences(ClassMembers.indexKey(w)).stream()
                .anyMatch(o -> o.defined() && o.inCode()));
    }
}
