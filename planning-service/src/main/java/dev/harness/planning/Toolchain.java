package dev.harness.planning;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build tool the planner recognises, with how it runs one test file or directory on its own.
 * Targeted commands exist only where the tool really runs just that target; otherwise the whole
 * suite is the acceptance test.
 */
public enum Toolchain {
    NODE_TEST("npm (node --test)", "package.json"),
    JEST("npm (jest/vitest)", "package.json"),
    NPM("npm", "package.json"),
    MAVEN("maven", "pom.xml"),
    GRADLE("gradle", "build.gradle"),
    CARGO("cargo", "Cargo.toml"),
    GO("go", "go.mod"),
    PYTEST("pytest", "pyproject.toml/pytest.ini/setup.cfg"),
    UNITTEST("python -m unittest", "pyproject.toml/tox.ini/setup.cfg/Makefile"),
    MAKE("make", "Makefile");

    private static final Pattern JAVA_TEST = Pattern.compile("(?:^|/)src/test/(?:java|kotlin)/(?:.*/)?(\\w+(?:Test|Tests|IT))\\.(?:java|kt)$");
    private static final Pattern RUST_TEST = Pattern.compile("^tests/(\\w+)\\.rs$");
    private static final Pattern JS_TEST = Pattern.compile(".*\\.(?:test|spec)\\.[cm]?[jt]sx?$|^(?:test|tests|__tests__)/.*\\.[cm]?js$");
    private static final Pattern PY_TEST = Pattern.compile("(?:^|.*/)(?:test_\\w+|\\w+_test)\\.py$");

    private final String label;
    private final String manifest;

    Toolchain(String label, String manifest) {
        this.label = label;
        this.manifest = manifest;
    }

    public String label() {
        return label;
    }

    public String manifest() {
        return manifest;
    }

    /**
     * The command that runs only {@code testFile} (relative to the workspace), if this tool can;
     * {@code prefix} is how the tool is invoked here (e.g. ./gradlew or gradle).
     */
    public Optional<String> targetedTest(String testFile, String prefix) {
        Matcher m;
        switch (this) {
            case NODE_TEST:
                return JS_TEST.matcher(testFile).matches() ? Optional.of("node --test " + ShellQuote.quote(testFile)) : Optional.empty();
            case JEST:
                return JS_TEST.matcher(testFile).matches() ? Optional.of("npm test -- " + ShellQuote.quote(testFile)) : Optional.empty();
            case MAVEN:
                // prefix null: a multi-module build, where -Dtest fails in the modules without that class
                m = JAVA_TEST.matcher(testFile);
                return prefix != null && m.find()
                        ? Optional.of(prefix + " -q test -Dtest=" + ShellQuote.quoteIfNeeded(m.group(1))) : Optional.empty();
            case GRADLE:
                m = JAVA_TEST.matcher(testFile);
                return m.find() ? Optional.of(prefix + " test --tests " + ShellQuote.quoteIfNeeded(m.group(1))) : Optional.empty();
            case CARGO:
                m = RUST_TEST.matcher(testFile);
                return m.matches() ? Optional.of("cargo test --test " + ShellQuote.quoteIfNeeded(m.group(1))) : Optional.empty();
            case GO:
                if (testFile.endsWith("_test.go")) {
                    int slash = testFile.lastIndexOf('/');
                    String dir = slash < 0 ? "." : "./" + testFile.substring(0, slash);
                    return Optional.of("go test " + ShellQuote.quote(dir));
                }
                return Optional.empty();
            case PYTEST:
                return PY_TEST.matcher(testFile).matches() ? Optional.of("pytest " + ShellQuote.quote(testFile)) : Optional.empty();
            case UNITTEST:
                return PY_TEST.matcher(testFile).matches() ? TestRunner.unittestModule(testFile).map(module -> "python3 -m unittest " + module)
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
