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
 * Beside the file holding the name the objective writes, a file sharing only its words (a formatter's comments about
 * padding next to the builtin `pad_left`), or only forwarding to the name (a manager's isPluginDisabled handing the call to
 * the provider), is no place; a file the named function calls to do the work (isURL's isFQDN) is.
 */
class UncalledNeighboursTest {
    @TempDir
    Path temp;

    @Test
    void aFileSharingOnlyTheObjectivesWordsIsDropped() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("script"));
        write(ws, "go.mod", "module example.com/script\n\ngo 1.19\n");
        write(ws, "stdlib/text.go", "package stdlib\n\nimport \"strings\"\n\nvar textModule = map[string]func(s string, n int, pad string) string{\n"
                + "\t\"pad_left\":  textPadLeft, // pad_left(s, pad_len, pad_with) => string\n\t\"pad_right\": textPadRight,\n}\n\n"
                + "func textPadLeft(s string, n int, pad string) string {\n\tif len(s) >= n {\n\t\treturn s\n\t}\n"
                + "\treturn strings.Repeat(pad, n-len(s)) + s\n}\n\n"
                + "func textPadRight(s string, n int, pad string) string {\n\treturn s + strings.Repeat(pad, n-len(s))\n}\n");
        write(ws, "formatter.go", "package script\n\n// padString appends s to f.buf, padded on left (!f.minus) or right (f.minus).\n"
                + "func padString(buf []byte, s string, width int, minus bool) []byte {\n\tfor i := len(s); i < width; i++ {\n"
                + "\t\tbuf = append(buf, ' ')\n\t}\n\treturn append(buf, s...)\n}\n");
        assertThat(located("text.pad_left with a multi-character pad string returns a string longer than the requested width: "
                + "text.pad_left(\"ab\", 7, \"+-\") gives \"+-+-+-ab\". The result must be exactly the requested length, keeping "
                + "the right-hand end of the repeated padding.", facts(ws))).containsExactly("stdlib/text.go");
    }

    @Test
    void aCallerOnlyForwardingToTheNamedMethodIsDropped() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("plugins"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>plugins</artifactId>"
                + "<version>1</version></project>");
        String pkg = "src/main/java/org/plugins/";
        write(ws, pkg + "DefaultPluginStatusProvider.java", "package org.plugins;\n\nimport java.util.List;\n\n"
                + "/** Reads enabled.txt and disabled.txt from the plugins folder. */\n"
                + "public class DefaultPluginStatusProvider {\n    private final List<String> enabledPlugins;\n"
                + "    private final List<String> disabledPlugins;\n\n"
                + "    public DefaultPluginStatusProvider(List<String> enabled, List<String> disabled) {\n"
                + "        this.enabledPlugins = enabled;\n        this.disabledPlugins = disabled;\n    }\n\n"
                + "    /** Whether a plugin is disabled: listed in disabled.txt, or missing from a non-empty enabled.txt. */\n"
                + "    public boolean isPluginDisabled(String pluginId) {\n"
                + "        return disabledPlugins.contains(pluginId);\n    }\n}\n");
        write(ws, pkg + "PluginManager.java", "package org.plugins;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\n"
                + "/** Loads and starts the plugins of the plugins folder that are enabled. */\npublic class PluginManager {\n"
                + "    private final DefaultPluginStatusProvider pluginStatusProvider;\n"
                + "    private final List<String> started = new ArrayList<>();\n\n"
                + "    public PluginManager(DefaultPluginStatusProvider provider) {\n        this.pluginStatusProvider = provider;\n    }\n\n"
                + "    /** A plugin listed as disabled is neither loaded nor started. */\n"
                + "    protected boolean isPluginDisabled(String pluginId) {\n"
                + "        return pluginStatusProvider.isPluginDisabled(pluginId);\n    }\n\n"
                + "    public void loadPlugin(String pluginId) {\n        if (isPluginDisabled(pluginId)) {\n            return;\n"
                + "        }\n        started.add(pluginId);\n    }\n}\n");
        assertThat(located("When the plugins folder contains an enabled.txt listing plugin-1 and plugin-2, a third plugin-3 that "
                + "is not listed is still loaded and started, and isPluginDisabled(\"plugin-3\") returns false. A plugin missing "
                + "from a non-empty enabled.txt must be disabled.", facts(ws)))
                .containsExactly("src/main/java/org/plugins/DefaultPluginStatusProvider.java");
    }

    @Test
    void aCalleeDoingTheWorkStays() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("validate"));
        write(ws, "package.json", "{\"name\": \"validate\", \"version\": \"1.0.0\", \"main\": \"src/index.js\"}");
        write(ws, "src/lib/isURL.js", "import isFQDN from './isFQDN';\n\nexport default function isURL(url, options) {\n"
                + "  const host = url.split('/')[2];\n  if (!host) {\n    return false;\n  }\n"
                + "  return isFQDN(host, { require_tld: options.require_tld });\n}\n");
        write(ws, "src/lib/isFQDN.js", "export default function isFQDN(str, options) {\n  const parts = str.split('.');\n"
                + "  for (const part of parts) {\n    // a label may not start with a hyphen\n    if (part.startsWith('-')) {\n"
                + "      return false;\n    }\n  }\n  return true;\n}\n");
        assertThat(located("`isURL` must reject a host whose label ends with a hyphen, such as `http://foo-.example.com`: "
                + "a label may start or end only with a letter or digit.", facts(ws))).contains("src/lib/isURL.js", "src/lib/isFQDN.js");
    }

    @Test
    void aFileDescribingANameOnlyInACommentGivesWayToTheCalleeHoldingItInCode() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("csv"));
        write(ws, "go.mod", "module example.com/csv\n\ngo 1.19\n");
        write(ws, "decoder.go", "package csv\n\n// Decoder reads records into structs.\n//\n"
                + "// Fields of type []byte expect the data to be base64 encoded strings.\ntype Decoder struct{ header []string }\n\n"
                + "// Decode reads the next record into v; a []byte field is decoded from its base64 column.\n"
                + "func (d *Decoder) Decode(v interface{}) error {\n\treturn d.unmarshal(v)\n}\n\n"
                + "func (d *Decoder) unmarshal(v interface{}) error {\n\t_, err := decodeBytes(\"\")\n\treturn err\n}\n");
        write(ws, "decode.go", "package csv\n\nimport \"encoding/base64\"\n\nfunc decodeBytes(s string) ([]byte, error) {\n"
                + "\treturn base64.RawStdEncoding.DecodeString(s)\n}\n");
        write(ws, "encode.go", "package csv\n\nfunc encodeBytes(b []byte) string {\n\treturn string(b)\n}\n");
        assertThat(located("A struct with a []byte field does not round-trip: Decoder.Decode of a column written as standard padded "
                + "base64 fails. Decoding a []byte field must accept standard base64 with '=' padding.", facts(ws)))
                .first().isEqualTo("decode.go");
    }
}
