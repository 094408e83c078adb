package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C accelerator of a Python package (pkg/_speedups.c) stands in for the Python module importing it: that module is
 * where the behaviour is written and what the tests see, unless the objective speaks of the compiled side.
 */
class PythonAcceleratorTest {
    @TempDir
    Path temp;

    private Path json() throws Exception {
        Path ws = temp.resolve("json");
        write(ws, "setup.py", "from setuptools import setup, Extension\nsetup(name='fastjson', ext_modules=[Extension('fastjson._speedups', ['fastjson/_speedups.c'])])\n");
        write(ws, "fastjson/__init__.py", "from .decoder import JSONDecoder\n");
        write(ws, "fastjson/_speedups.c", "#include <Python.h>\n/* scanstring: join an escaped surrogate pair into one code point */\n"
                + "static PyObject *scanstring(PyObject *self, PyObject *args) {\n    /* high surrogate, then low surrogate */\n"
                + "    Py_UCS4 c = join_surrogate_pair(high, low);\n    return NULL;\n}\n");
        write(ws, "fastjson/decoder.py", "try:\n    from ._speedups import scanstring as c_scanstring\nexcept ImportError:\n"
                + "    c_scanstring = None\n\n\ndef py_scanstring(s, end):\n    # an escaped surrogate pair joins into one code point\n"
                + "    high = s[end]\n    return high\n\n\nscanstring = c_scanstring or py_scanstring\n");
        write(ws, "fastjson/tests/test_scanstring.py", "import unittest\nfrom fastjson import decoder\n\n\n"
                + "class TestScanString(unittest.TestCase):\n    def test_surrogate_pair(self):\n        self.assertTrue(decoder.py_scanstring)\n");
        return ws;
    }

    @Test
    void thePythonModuleTheAcceleratorStandsInForIsThePlace() throws Exception {
        assertThat(located("an escaped surrogate pair must join into one code point when scanning a string", facts(json())))
                .contains("fastjson/decoder.py").doesNotContain("fastjson/_speedups.c");
    }

    @Test
    void theCompiledSideStaysWhenTheObjectiveSpeaksOfIt() throws Exception {
        assertThat(located("the C speedups must join an escaped surrogate pair into one code point when scanning a string", facts(json())))
                .contains("fastjson/_speedups.c");
    }
}
