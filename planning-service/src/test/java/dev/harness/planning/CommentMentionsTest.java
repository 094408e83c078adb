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
 * Next to the file whose code holds what the objective is about, a file that names those things only in its comments
 * ("## Numeric Identifier" above a regex it builds) is not about them: it does not come along.
 */
class CommentMentionsTest {
    @TempDir
    Path temp;

    @Test
    void aFileNamingTheObjectivesConceptsOnlyInCommentsStaysOut() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("verlib"));
        write(ws, "package.json", "{\"name\":\"verlib\",\"version\":\"1.0.0\",\"scripts\":{\"test\":\"tap\"}}\n");
        write(ws, "internal/identifiers.js", "const numeric = /^[0-9]+$/\n// the precedence of two prerelease identifiers\n"
                + "const compareIdentifiers = (a, b) => {\n  const anum = numeric.test(a)\n  const bnum = numeric.test(b)\n"
                + "  if (anum && bnum) {\n    a = +a\n    b = +b\n  }\n"
                + "  return a === b ? 0 : (anum && !bnum) ? -1 : (bnum && !anum) ? 1 : a < b ? -1 : 1\n}\n"
                + "module.exports = { compareIdentifiers }\n");
        write(ws, "internal/re.js", "const src = []\nconst createToken = (name, value) => { src.push([name, value]) }\n\n"
                + "// ## Numeric Identifier\n// A single `0`, or a non-zero digit followed by zero or more digits.\n"
                + "createToken('NUMERICIDENTIFIER', '0|[1-9]\\\\d*')\n\n// ## Prerelease Identifier\n"
                + "// A numeric identifier, or a non-numeric identifier; numeric identifiers\n"
                + "// must follow the rules above, and the prerelease follows the version.\n"
                + "createToken('PRERELEASEIDENTIFIER', '[0-9A-Za-z-]+')\n\n// ## Prerelease\n"
                + "// Hyphen, followed by one or more dot-separated prerelease identifiers.\n"
                + "createToken('PRERELEASE', '-([0-9A-Za-z-.]+)')\nmodule.exports = { src }\n");
        write(ws, "internal/version.js", "const { compareIdentifiers } = require('./identifiers')\nclass Version {\n"
                + "  constructor (v) { this.prerelease = v.split('-')[1] ? v.split('-')[1].split('.') : [] }\n"
                + "  comparePre (other) { return compareIdentifiers(this.prerelease[0], other.prerelease[0]) }\n}\n"
                + "module.exports = Version\n");
        write(ws, "test/identifiers.js", "const t = require('tap')\nconst { compareIdentifiers } = require('../internal/identifiers')\n"
                + "t.equal(compareIdentifiers('1', 'a'), -1)\n");
        write(ws, "test/re.js", "const t = require('tap')\nconst { src } = require('../internal/re')\nt.ok(src.length)\n");
        // the regex module holds "numeric" and "identifier" in its comments only; the comparison holds them in code
        assertThat(located("prerelease identifiers must follow the precedence: a numeric identifier sorts before an "
                + "alphanumeric one, and numeric ones compare as numbers", facts(ws))).containsExactly("internal/identifiers.js");
    }
}
