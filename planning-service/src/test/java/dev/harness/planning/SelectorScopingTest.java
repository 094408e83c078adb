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
 * Names that only select the code doing the work: a Go constant choosing an encoder (barcode's {@code qr.AlphaNumeric},
 * whose work is in alphanumeric.go) and a script function only setting a field to a named value (sinon's yieldsRight,
 * whose value behavior.js tests).
 */
class SelectorScopingTest {
    @TempDir
    Path temp;

    private Path encoders() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("codes"));
        write(ws, "go.mod", "module example.com/codes\n\ngo 1.19\n");
        write(ws, "qr/encoder.go", "package qr\n\n// Encoding is the way the content is encoded.\ntype Encoding byte\n\nconst (\n"
                + "\t// Numeric encoding only encodes numbers [0-9]\n\tNumeric Encoding = iota\n"
                + "\t// AlphaNumeric encoding only encodes uppercase letters, numbers and space: characters are packed in pairs\n"
                + "\tAlphaNumeric\n)\n\n// Encode encodes the content as a QR code of the level, in mode mode.\n"
                + "func Encode(content string, level int, mode Encoding) ([]bool, error) {\n\tswitch mode {\n"
                + "\tcase Numeric:\n\t\treturn encodeNumeric(content)\n\tcase AlphaNumeric:\n\t\treturn encodeAlphaNumeric(content)\n"
                + "\t}\n\treturn nil, nil\n}\n");
        write(ws, "qr/alphanumeric.go", "package qr\n\nimport \"fmt\"\n\nfunc encodeAlphaNumeric(content string) ([]bool, error) {\n"
                + "\tvar bits []bool\n\tfor i := 0; i < len(content); i += 2 {\n\t\tif i+1 < len(content) {\n"
                + "\t\t\tbits = append(bits, true)\n\t\t} else {\n\t\t\treturn nil, fmt.Errorf(\"%q can not be encoded as %v\", content, AlphaNumeric)\n"
                + "\t\t}\n\t}\n\treturn bits, nil\n}\n");
        write(ws, "qr/numeric.go", "package qr\n\nfunc encodeNumeric(content string) ([]bool, error) {\n\treturn nil, nil\n}\n");
        write(ws, "qr/alphanumeric_test.go", "package qr\n\nimport \"testing\"\n\nfunc Test_AlphaNumericEncoding(t *testing.T) {}\n");
        return ws;
    }

    @Test
    void aConstantSelectingAnEncoderGoesToTheFileNamedAfterIt() throws Exception {
        assertThat(located("QR codes encoded in alphanumeric mode are wrong when the text has an odd number of characters: "
                + "qr.Encode(\"HELLO WORLD\", qr.M, qr.AlphaNumeric) produces different data bits from the QR spec example. "
                + "Characters are packed in pairs into 11 bits, and a final unpaired character must be written in 6 bits.",
                facts(encoders()))).containsExactly("qr/alphanumeric.go");
    }

    private Path behaviours() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("fakes"));
        write(ws, "package.json", "{\"name\":\"fakes\",\"scripts\":{\"test\":\"mocha\"}}\n");
        write(ws, "lib/default-behaviors.js", "\"use strict\";\n\nconst useLeftMostCallback = -1;\nconst useRightMostCallback = -2;\n\n"
                + "module.exports = {\n    yields: function (fake) {\n        fake.callArgAt = useLeftMostCallback;\n"
                + "        fake.callbackArguments = Array.prototype.slice.call(arguments, 1);\n        fake.callbackAsync = false;\n    },\n\n"
                + "    yieldsRight: function (fake) {\n        fake.callArgAt = useRightMostCallback;\n"
                + "        fake.callbackArguments = Array.prototype.slice.call(arguments, 1);\n        fake.callbackAsync = false;\n    },\n};\n");
        write(ws, "lib/behavior.js", "\"use strict\";\n\nconst useLeftMostCallback = -1;\nconst useRightMostCallback = -2;\n\n"
                + "function getCallback(behavior, args) {\n    const callArgAt = behavior.callArgAt;\n    if (callArgAt >= 0) {\n"
                + "        return args[callArgAt];\n    }\n    let argumentList = args;\n"
                + "    if (callArgAt === useRightMostCallback) {\n        argumentList = args.slice();\n    }\n"
                + "    return argumentList.find((arg) => typeof arg === \"function\");\n}\n\n"
                + "module.exports = { invoke: function (args) { return getCallback(this, args)(); } };\n");
        write(ws, "lib/stub.js", "\"use strict\";\n\nconst behavior = require(\"./behavior\");\n"
                + "const behaviors = require(\"./default-behaviors\");\n\nfunction stub() {\n"
                + "    return Object.assign(function proxy() { return behavior.invoke(arguments); }, behaviors);\n}\n\n"
                + "module.exports = stub;\n");
        write(ws, "test/stub-test.js", "const stub = require(\"../lib/stub\");\n\ndescribe(\"stub\", () => {\n"
                + "    it(\"yields\", () => { stub().yields(); });\n});\n");
        return ws;
    }

    @Test
    void aFunctionOnlySettingAValueGoesToTheFileTestingThatValue() throws Exception {
        assertThat(located("stub.yieldsRight() calls the wrong callback: after stub.yieldsRight(), calling stub(cb1, cb2) invokes "
                + "cb1 instead of cb2. yieldsRight must search the call's arguments from the last one backwards and invoke the "
                + "right-most function argument, while yields() keeps using the left-most one.", facts(behaviours())))
                .containsExactly("lib/behavior.js");
    }

    @Test
    void onlyAssignmentsToTheFirstParameterMakeASetter() {
        String setter = "x = { yieldsRight: function (fake) {\n  fake.callArgAt = useRight;\n  fake.args = slice(arguments, 1);\n} }";
        assertThat(ScriptSetters.setValues(setter, setter.indexOf("yieldsRight"))).containsExactly("useRight");
        String worker = "x = { yieldsRight: function (fake) {\n  fake.callArgAt = useRight;\n  fake.run();\n} }";
        assertThat(ScriptSetters.setValues(worker, worker.indexOf("yieldsRight"))).isNull();
        String literals = "x = { yields: function (fake) {\n  fake.callArgAt = -1;\n  fake.async = false;\n} }";
        assertThat(ScriptSetters.setValues(literals, literals.indexOf("yields"))).isEmpty();
    }
}
