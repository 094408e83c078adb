package dev.harness.worker.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check that cannot even load what it tests with: a Python module, a Node package, a Java package
 * or class, a Go package the environment does not provide. That is no logic error the agent could
 * fix by editing code again: someone installs the project's test dependencies (or gives --setup).
 * A program the check runs that the shell cannot find (pnpm, make) is one too: the check exits 127 whatever
 * the agent writes. Names of the project's own files (Node's './x', '/abs/x', './gradlew') are not
 * dependencies and do not match.
 */
record MissingDependency(Kind kind, String name) {
    /** Where the name comes from, and how a person usually installs one. */
    enum Kind {
        PYTHON("the Python module", "install the project's test dependencies (e.g. pip install -e '.[dev]', uv sync,"
                + " or pip install %s)"),
        NODE("the Node package", "install the project's dependencies (npm install, or npm install --save-dev %s)"),
        JAVA("the Java package", "let the build fetch the project's test dependencies (mvn -B test-compile online,"
                + " or add the dependency that provides %s)"),
        GO("the Go package", "fetch the module's dependencies (go mod download, or go get %s)"),
        /** A program the check runs (pnpm, make, python): the shell said it is not on PATH. */
        COMMAND("the command", "install %s (or, if it is one of the project's own tools, the project's dependencies)");

        private final String what;
        private final String install;

        Kind(String what, String install) {
            this.what = what;
            this.install = install;
        }
    }

    private record Rule(Kind kind, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Kind.PYTHON, Pattern.compile("\\bModuleNotFoundError: No module named '([^']+)'")),
            new Rule(Kind.PYTHON, Pattern.compile("\\bImportError: No module named '?([A-Za-z0-9_.]+)'?")),
            // importlib.metadata.version("pkg") of a project that is not installed (toolz's test_has_version)
            new Rule(Kind.PYTHON, Pattern.compile("\\bPackageNotFoundError: No package metadata was found for ([A-Za-z0-9_.-]+)")),
            new Rule(Kind.NODE, Pattern.compile("\\bCannot find (?:module|package) '((?![./])[^']+)'")),
            new Rule(Kind.JAVA, Pattern.compile("\\berror: package ([A-Za-z_][A-Za-z0-9_.]*) does not exist")),
            new Rule(Kind.JAVA, Pattern.compile("\\bjava\\.lang\\.(?:ClassNotFoundException|NoClassDefFoundError): ([A-Za-z_][A-Za-z0-9_./$]*)")),
            new Rule(Kind.GO, Pattern.compile("\\bno required module provides package ([^\\s;]+)")),
            new Rule(Kind.GO, Pattern.compile("\\bcannot find package \"([^\"]+)\"")),
            // dash "sh: 1: pnpm: not found", bash "bash: line 1: pnpm: command not found", zsh, and env's shebang lookup
            new Rule(Kind.COMMAND, Pattern.compile("\\b(?:ba|da|k|z)?sh: (?:line )?(?:\\d+: )?((?![./])[^\\s:'\"]+): (?:command )?not found")),
            new Rule(Kind.COMMAND, Pattern.compile("\\bzsh: command not found: ((?![./])\\S+)")),
            new Rule(Kind.COMMAND, Pattern.compile("\\benv: '?((?![./])[^\\s':]+)'?: No such file or directory")),
            // make running a recipe's program itself, without a shell (sqlparse's `make test` calling uv)
            new Rule(Kind.COMMAND, Pattern.compile("\\bmake(?:\\[\\d+])?: ((?![./*])[^\\s:'\"]+): (?:No such file or directory|Command not found)")));

    /** The first missing dependency the output names, read from its end (where a runner says why). */
    static Optional<MissingDependency> find(String output) {
        if (output == null || output.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>(output.lines().toList());
        java.util.Collections.reverse(lines);
        for (String line : lines) {
            for (Rule rule : RULES) {
                Matcher m = rule.pattern().matcher(line);
                if (m.find()) {
                    return Optional.of(new MissingDependency(rule.kind(), m.group(1)));
                }
            }
        }
        return Optional.empty();
    }

    /** The name to install: a Python module's top package, a Node package (scope kept), a class's package. */
    String installable() {
        return switch (kind) {
            case PYTHON -> name.split("\\.")[0];
            case NODE -> {
                String[] parts = name.split("/");
                yield name.startsWith("@") && parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0];
            }
            case JAVA -> name.replace('/', '.');
            case GO, COMMAND -> name;
        };
    }

    /**
     * What the agent reads when the check passed on the task's base and loads something missing only
     * after the change: the change brought the import, so the change is what to fix.
     */
    String introduced(String check) {
        return "acceptance test '" + check + "' passes on the task's base but, after this change, cannot "
                + (kind == Kind.COMMAND ? "run " : "load ") + kind.what
                + " '" + name + "': the change imports something that does not exist here — create it in the project,"
                + " fix the name, or use what the project already has instead of a new dependency";
    }

    /** What the person reads: what is missing, what to install, and why a retry alone cannot help. */
    String advice(String check) {
        // the command in backticks: quotes inside it (pytest 'tests/x.py') cannot read as where it ends
        return "acceptance test " + dev.harness.protocol.CommandWords.shown(check) + " cannot run: " + kind.what + " '" + installable() + "' is not installed;"
                + " " + String.format(java.util.Locale.ROOT, kind.install, installable())
                + " or give --setup with the command that installs them; then retry (in the same environment it fails the same way)";
    }
}
