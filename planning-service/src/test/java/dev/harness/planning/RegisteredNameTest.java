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
 * A function of the language a project implements (an expression evaluator's {@code LPAD}) is called by the name it
 * is registered under, which no code defines: the class built on the registering line does the work, not the registry
 * or the evaluator that looks it up.
 */
class RegisteredNameTest {
    @TempDir
    Path temp;

    private static final String MAIN = "src/main/java/org/calc/";

    private Path evaluator(String registration) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("calc"));
        write(ws, "pom.xml", "<project><groupId>g</groupId><artifactId>calc</artifactId><version>1</version></project>\n");
        write(ws, MAIN + "functions/WidenFunction.java", "package org.calc.functions;\n\npublic class WidenFunction"
                + " implements Function {\n    public String evaluate(String text, int length) {\n"
                + "        return text + \" \".repeat(length - text.length());\n    }\n}\n");
        write(ws, MAIN + "functions/Function.java", "package org.calc.functions;\n\npublic interface Function {\n"
                + "    String evaluate(String text, int length);\n}\n");
        write(ws, MAIN + "config/Configuration.java", "package org.calc.config;\n\nimport java.util.Map;\n"
                + "import org.calc.functions.*;\n\n/** The functions an expression may call, by name. */\npublic class Configuration {\n"
                + "    static final Map<String, Function> FUNCTIONS = Map.ofEntries(\n" + registration + ");\n}\n");
        write(ws, MAIN + "Expression.java", "package org.calc;\n\n/** Evaluates an expression: a string length or a function"
                + " call throws an exception when its arguments are wrong. */\npublic class Expression {\n"
                + "    public String evaluate(String text) {\n        throw new IllegalArgumentException(\"the length of the"
                + " string \" + text);\n    }\n}\n");
        return ws;
    }

    private static final String OBJECTIVE = "`LPAD(\"abc\", 2)` must return the whole string instead of throwing an "
            + "exception: a length shorter than the string leaves it as it is";

    @Test
    void theClassBuiltOnTheLineRegisteringTheCalledNameIsThePlace() throws Exception {
        WorkspaceFacts facts = facts(evaluator("        Map.entry(\"LPAD\", new WidenFunction())\n"));
        assertThat(located(OBJECTIVE, facts)).containsExactly(MAIN + "functions/WidenFunction.java");
    }

    @Test
    void aNameTheCodeDefinesIsNoRegisteredName() throws Exception {
        Path ws = evaluator("        Map.entry(\"LPAD\", new WidenFunction())\n");
        // the evaluator defines LPAD itself: the name is the code's, the registration is not what the objective calls
        write(ws, MAIN + "Expression.java", "package org.calc;\n\n/** Evaluates an expression: a string length or a function"
                + " call throws an exception when its arguments are wrong. */\npublic class Expression {\n"
                + "    public static String LPAD(String text, int length) {\n        throw new IllegalArgumentException(\"the"
                + " length of the string \" + text);\n    }\n}\n");
        assertThat(located(OBJECTIVE, facts(ws))).doesNotContain(MAIN + "functions/WidenFunction.java");
    }
}
