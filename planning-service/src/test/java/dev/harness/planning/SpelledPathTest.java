package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two adjacent words of the objective that spell a file's folder and name ("the CER encoder" → codec/cer/encoder.py)
 * name that file: it is the place, not the module defining the type it encodes.
 */
class SpelledPathTest {
    @TempDir
    Path temp;

    private Path codecs() throws Exception {
        Path ws = temp.resolve("codecs");
        write(ws, "lib/types/useful.py", "class GeneralizedTime(object):\n    \"\"\"A time with an optional fraction.\"\"\"\n"
                + "    def as_datetime(self):\n        return self.fraction\n");
        for (String rule : new String[] {"ber", "cer", "der"}) {
            write(ws, "lib/codec/" + rule + "/encoder.py", "from lib.types import useful\n\n\nclass TimeEncoder(object):\n"
                    + "    def encode(self, value):\n        if isinstance(value, useful.GeneralizedTime):\n"
                    + "            return self.encode_time(value)\n        return value\n\n"
                    + "    def encode_time(self, value):\n        return str(value)\n");
            write(ws, "lib/codec/" + rule + "/decoder.py", "from lib.types import useful\n\n\ndef decode(data):\n"
                    + "    return useful.GeneralizedTime(data)\n");
        }
        write(ws, "tests/codec/cer/test_encoder.py", "import unittest\n\nfrom lib.codec.cer import encoder\n\n\n"
                + "class GeneralizedTimeTestCase(unittest.TestCase):\n    def test_fraction(self):\n        self.assertTrue(encoder)\n");
        return ws;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "The CER encoder must drop a dangling dot in the fraction of a GeneralizedTime|lib/codec/cer/encoder.py",
        "the DER decoders reject a GeneralizedTime without seconds|lib/codec/der/decoder.py",
    })
    void theSpelledFileIsThePlace(String objective, String expected) throws Exception {
        assertThat(located(objective, facts(codecs()))).containsExactly(expected);
    }

    @Test
    void wordsSpellingNoFolderAndNameLeaveTheRankingAlone() throws Exception {
        WorkspaceFacts facts = facts(codecs());
        // "encoder" alone names three files: nothing is spelled, the type's module stays among the places
        assertThat(located("every encoder must drop a dangling dot in the fraction of a GeneralizedTime", facts))
                .doesNotContain("lib/codec/cer/encoder.py");
    }
}
