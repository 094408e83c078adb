package dev.harness.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.protocol.Json;
import dev.harness.worker.Fixtures;
import dev.harness.worker.attempt.AttemptOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: an attempt's outcome → the failure class and the evidence source that decided it. */
class FailureClassifierTest {
    private final FailureClassifier classifier = new FailureClassifier(RecoveryRecipes.defaults());

    static AttemptOutcome agentFailed(int exit, String output, String... jsonLines) {
        List<JsonNode> structured = new ArrayList<>();
        for (String line : jsonLines) {
            try {
                structured.add(Json.parse(line));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new AttemptOutcome(1, new AttemptOutcome.AgentResult(true, "agent", exit, false, null, structured, output,
                null, 5), List.of(), null);
    }

    static AttemptOutcome testFailed(int exit, boolean timedOut, String output, String... agentJson) {
        AttemptOutcome base = agentFailed(0, "", agentJson);
        return new AttemptOutcome(1, base.agent(), List.of(
                new AttemptOutcome.TestResult("true", 0, false, 1, "", null),
                new AttemptOutcome.TestResult("npm test", timedOut ? null : exit, timedOut, 1, output, null)), null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("exit 126", agentFailed(126, "whatever"), "permission", "exit_code"),
                Arguments.of("exit 127", agentFailed(127, "sh: foo: not found"), "unrecoverable", "exit_code"),
                Arguments.of("exit 124", agentFailed(124, ""), "transient", "exit_code"),
                Arguments.of("connection reset", agentFailed(1, "fetch failed\nError: read ECONNRESET"), "transient", "agent_output"),
                Arguments.of("rate limit", agentFailed(1, "Rate limit reached, try later"), "transient", "agent_output"),
                Arguments.of("503", agentFailed(1, "HTTP 503 Service Unavailable"), "transient", "agent_output"),
                Arguments.of("temporarily unavailable", agentFailed(2, "resource temporarily unavailable"), "transient", "agent_output"),
                Arguments.of("EACCES", agentFailed(1, "Error: EACCES: permission denied, open '/etc/x'"), "permission", "agent_output"),
                Arguments.of("401", agentFailed(1, "401 Unauthorized"), "permission", "agent_output"),
                Arguments.of("malformed", agentFailed(1, "malformed packet: missing required field"), "invalid_input", "agent_output"),
                Arguments.of("404", agentFailed(1, "GET /v1/models/x -> 404"), "unrecoverable", "agent_output"),
                Arguments.of("nothing known", agentFailed(3, "something odd happened"), "unknown", "exit_code"),
                Arguments.of("claude 429", agentFailed(1, "",
                        "{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true,\"api_error_status\":429}"),
                        "transient", "claude_result"),
                Arguments.of("claude 529", agentFailed(1, "",
                        "{\"type\":\"result\",\"is_error\":true,\"api_error_status\":529}"), "transient", "claude_result"),
                Arguments.of("claude 403", agentFailed(1, "",
                        "{\"type\":\"result\",\"is_error\":true,\"api_error_status\":403}"), "permission", "claude_result"),
                Arguments.of("claude denials", agentFailed(1, "",
                        "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"permission_denials\":[{\"tool_name\":\"Bash\"}]}"),
                        "permission", "claude_result"),
                Arguments.of("claude max turns", agentFailed(1, "",
                        "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true}"), "unknown", "claude_result"),
                Arguments.of("codex turn.failed", agentFailed(1, "",
                        "{\"type\":\"turn.failed\",\"error\":{\"message\":\"stream disconnected: rate limit exceeded\"}}"),
                        "transient", "codex_event"),
                Arguments.of("codex error", agentFailed(1, "",
                        "{\"type\":\"error\",\"message\":\"401 Unauthorized: invalid api key\"}"), "permission", "codex_event"),
                // the agent's output is not ours: odd shapes still classify by what reads
                Arguments.of("codex error given as text", agentFailed(1, "",
                        "{\"type\":\"error\",\"error\":\"429 Too Many Requests\"}"), "transient", "codex_event"),
                Arguments.of("claude denials in an otherwise odd result", agentFailed(1, "",
                        "{\"type\":\"result\",\"result\":{\"odd\":true},\"permission_denials\":[{\"tool_name\":null}]}"),
                        "permission", "claude_result"),
                Arguments.of("claude result without a type field is not a result", agentFailed(2, "",
                        "{\"subtype\":\"error_max_turns\",\"is_error\":true}"), "unknown", "exit_code"),
                Arguments.of("test fails", testFailed(1, false, "AssertionError: expected 2 to equal 3"), "logic_error", "acceptance_test"),
                Arguments.of("test output mentions 429 but is an assertion", testFailed(1, false, "expected 429 got 200"),
                        "logic_error", "acceptance_test"),
                Arguments.of("test times out", testFailed(0, true, ""), "transient", "timeout"),
                Arguments.of("a project module the change broke (node, relative)", testFailed(1, false,
                        "Error: Cannot find module './theme'\nRequire stack:\n- /w/test/theme.test.js"), "logic_error", "acceptance_test"),
                Arguments.of("a project file gone (node ESM, absolute)", testFailed(1, false,
                        "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/w/src/theme.js' imported from /w/test/a.test.js"),
                        "logic_error", "acceptance_test"),
                Arguments.of("cannot import a name (a code error, not a missing package)", testFailed(2, false,
                        "ImportError: cannot import name 'dumps' from 'itsdangerous._json'"), "logic_error", "acceptance_test"),
                // a project file the check runs that is not there (no tool to install): the shell's 127 decides
                Arguments.of("a project script missing", testFailed(127, false, "sh: 1: ./gradlew: not found"), "unrecoverable", "exit_code"),
                Arguments.of("exit 127 saying nothing", testFailed(127, false, "npm ERR! code 127"), "unrecoverable", "exit_code"),
                Arguments.of("tests fail after claude was denied", testFailed(1, false, "missing file",
                        "{\"type\":\"result\",\"subtype\":\"success\",\"permission_denials\":[{\"tool_name\":\"Write\"}]}"),
                        "permission", "claude_result"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(String name, AttemptOutcome outcome, String expectedClass, String expectedSource) {
        Classification c = classifier.classify(outcome);
        assertThat(c).isNotNull();
        assertThat(c.failureClass().wire()).isEqualTo(expectedClass);
        assertThat(c.evidence().source()).isEqualTo(expectedSource);
        assertThat(c.evidence().detail()).isNotBlank();
    }

    /** A check that cannot load a test dependency: its own class, naming what to install; never retried by the agent. */
    static Stream<Arguments> missingDependencies() {
        return Stream.of(
                Arguments.of("python collection", 2, "==== ERRORS ====\n___ ERROR collecting tests/test_timed.py ___\n"
                        + "ImportError while importing test module '/w/tests/test_timed.py'.\nE   ModuleNotFoundError: No module named 'freezegun'\n"
                        + "=== 2 errors in 0.12s ===", "the Python module 'freezegun'", "pip install freezegun"),
                Arguments.of("python submodule", 1, "ModuleNotFoundError: No module named 'yaml.constructor'", "module 'yaml'",
                        "pip install yaml"),
                Arguments.of("python 2 style", 1, "ImportError: No module named requests", "module 'requests'", "pip install requests"),
                Arguments.of("python project not installed", 1, "E   importlib.metadata.PackageNotFoundError: No package metadata was found"
                        + " for toolz\nFAILED toolz/tests/test_package.py::test_has_version - importlib.metadata.Pac...\n"
                        + "1 failed, 50 passed in 3.03s", "the Python module 'toolz'", "pip install -e"),
                Arguments.of("node require", 1, "Error: Cannot find module 'supertest'\nRequire stack:\n- /w/test/api.test.js",
                        "the Node package 'supertest'", "npm install"),
                Arguments.of("node scoped deep import", 1, "Error: Cannot find module '@testing-library/react/pure'",
                        "package '@testing-library/react'", "npm install --save-dev @testing-library/react"),
                Arguments.of("node ESM", 1, "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'chai' imported from /w/test/a.test.mjs",
                        "package 'chai'", "npm install"),
                Arguments.of("java compile", 1, "[ERROR] /w/src/test/java/a/ATest.java:[3,29] error: package org.junit.jupiter.api does not exist",
                        "the Java package 'org.junit.jupiter.api'", "dependency"),
                Arguments.of("java class at run time", 1, "Exception in thread \"main\" java.lang.NoClassDefFoundError: org/assertj/core/api/Assertions",
                        "'org.assertj.core.api.Assertions'", "dependency"),
                Arguments.of("go module", 1, "semver_test.go:9:2: no required module provides package github.com/stretchr/testify/assert;"
                        + " to add it:\n\tgo get github.com/stretchr/testify/assert", "the Go package 'github.com/stretchr/testify/assert'",
                        "go get github.com/stretchr/testify/assert"),
                // a program the check runs is not on PATH: retrying in the same environment exits 127 again
                Arguments.of("npm script's tool (dash)", 127, "> defu@6.1.4 test\n> pnpm lint && pnpm vitest run --coverage\n\n"
                        + "sh: 1: pnpm: not found", "the command 'pnpm' is not installed", "install pnpm"),
                Arguments.of("a project's dev tool (dash)", 127, "sh: 1: jest: not found", "the command 'jest'", "install jest"),
                Arguments.of("bash", 127, "bash: line 1: make: command not found", "the command 'make'", "install make"),
                Arguments.of("bash, no line", 127, "/bin/bash: tox: command not found", "the command 'tox'", "install tox"),
                Arguments.of("zsh", 127, "zsh: command not found: uv", "the command 'uv'", "install uv"),
                Arguments.of("env's shebang lookup", 127, "/usr/bin/env: 'node': No such file or directory", "the command 'node'",
                        "install node"),
                Arguments.of("make runs the program itself", 2, "uv run --group dev --python 3.10 pytest tests/\n"
                        + "make: uv: No such file or directory\nmake: *** [Makefile:13: test] Error 127", "the command 'uv'", "install uv"),
                Arguments.of("older make, nested", 2, "make[1]: tox: Command not found\nmake[1]: *** [test] Error 127",
                        "the command 'tox'", "install tox"),
                Arguments.of("go GOPATH", 1, "x_test.go:4:2: cannot find package \"golang.org/x/exp/slices\" in any of:",
                        "package 'golang.org/x/exp/slices'", "go mod download"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingDependencies")
    void aMissingTestDependencyIsNoLogicError(String name, int exit, String output, String names, String install) {
        Classification c = classifier.classify(testFailed(exit, false, output));
        assertThat(c.failureClass()).isEqualTo(FailureClass.MISSING_DEPENDENCY);
        assertThat(c.evidence().source()).isEqualTo("acceptance_test");
        assertThat(c.evidence().test()).isEqualTo("npm test");
        assertThat(c.evidence().exitCode()).isEqualTo(exit);
        assertThat(c.summary()).contains("cannot run", names, "is not installed", install, "--setup");
        RecoveryRecipe recipe = RecoveryRecipes.defaults().forClass(FailureClass.MISSING_DEPENDENCY);
        assertThat(recipe.action()).isEqualTo(RecoveryRecipe.Action.ESCALATE);
    }

    /**
     * The same outputs after a change, from a check that passed on the task's base: the change brought
     * the import (a module of the project it never wrote, or a package the project does not use), so it
     * is the agent's to fix and goes back to it — not a dependency a person must install.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("missingDependencies")
    void whatOnlyTheChangeImportsIsTheAgentsToFix(String name, int exit, String output, String names, String install) {
        AttemptOutcome failed = testFailed(exit, false, output);
        AttemptOutcome afterChange = new AttemptOutcome(1, failed.agent(),
                List.of(failed.tests().get(0), failed.tests().get(1).withPassedOnBase()), null);
        Classification c = classifier.classify(afterChange);
        assertThat(c.failureClass()).isEqualTo(FailureClass.LOGIC_ERROR);
        assertThat(c.evidence().source()).isEqualTo("acceptance_test");
        assertThat(c.evidence().test()).isEqualTo("npm test");
        assertThat(c.evidence().exitCode()).isEqualTo(exit);
        assertThat(c.summary()).contains("passes on the task's base", "the change imports").containsPattern("cannot (load|run) ")
                .doesNotContain("--setup");
        assertThat(RecoveryRecipes.defaults().forClass(FailureClass.LOGIC_ERROR).action()).isEqualTo(RecoveryRecipe.Action.RETRY_WITH_FEEDBACK);
        // failing on the base too, it stays the environment's: the same output, a person installs
        Classification onBaseToo = classifier.classify(new AttemptOutcome(1, failed.agent(),
                List.of(failed.tests().get(0), failed.tests().get(1).withOnBase("'npm test' fails on the base abc too")), null));
        assertThat(onBaseToo.failureClass()).isEqualTo(FailureClass.MISSING_DEPENDENCY);
    }

    @Test
    void aQuotedCheckIsNamedInBackticksSoItsQuotesCannotReadAsWhereItEnds() {
        AttemptOutcome outcome = new AttemptOutcome(1, agentFailed(0, "").agent(), List.of(new AttemptOutcome.TestResult(
                "pytest 'tests/test_jwks_client.py'", 1, false, 1, "E   ModuleNotFoundError: No module named 'jwt'", null)), null);
        Classification c = classifier.classify(outcome);
        assertThat(c.failureClass()).isEqualTo(FailureClass.MISSING_DEPENDENCY);
        assertThat(c.summary()).startsWith("acceptance test `pytest 'tests/test_jwks_client.py'` cannot run: ")
                .doesNotContain("'pytest '");
    }

    @Test
    void timeoutsMissingCommandsAndSetupFailuresComeFirst() {
        var timedOut = new AttemptOutcome(1, new AttemptOutcome.AgentResult(true, "a", null, true, null, List.of(), "403", null, 1000),
                List.of(), null);
        assertThat(classifier.classify(timedOut).failureClass()).isEqualTo(FailureClass.TRANSIENT);
        var missing = new AttemptOutcome(1, new AttemptOutcome.AgentResult(true, "claude", null, false,
                "the command 'claude' was not found on PATH", List.of(), "", null, 0), List.of(), null);
        Classification c = classifier.classify(missing);
        assertThat(c.failureClass()).isEqualTo(FailureClass.UNRECOVERABLE);
        assertThat(c.summary()).contains("'claude'");
        var vanished = new AttemptOutcome(1, AttemptOutcome.AgentResult.none(), List.of(),
                new AttemptOutcome.SetupFailure(FailureClass.UNRECOVERABLE, "the scope path src/x no longer exists"));
        assertThat(classifier.classify(vanished).failureClass()).isEqualTo(FailureClass.UNRECOVERABLE);
    }

    @Test
    void aSuccessfulAttemptIsNoFailure() {
        var ok = new AttemptOutcome(1, AttemptOutcome.AgentResult.none(),
                List.of(new AttemptOutcome.TestResult("true", 0, false, 1, "", null)), null);
        assertThat(classifier.classify(ok)).isNull();
    }

    @Test
    void theUsersPatternsAndExitCodesComeBeforeTheBuiltInOnes(@TempDir Path tmp) throws Exception {
        Path file = Fixtures.write(tmp.resolve("r.yaml"), "recipes:\n"
                + "  invalid_input: {action: escalate, max_retries: 1, patterns: [\"bad widget\"], exit_codes: [42]}\n");
        FailureClassifier custom = new FailureClassifier(RecoveryRecipes.load(file));
        assertThat(custom.classify(agentFailed(1, "error: BAD WIDGET spec (429)")).failureClass()).isEqualTo(FailureClass.INVALID_INPUT);
        assertThat(custom.classify(agentFailed(42, "")).failureClass()).isEqualTo(FailureClass.INVALID_INPUT);
        assertThat(classifier.classify(agentFailed(42, "")).failureClass()).isEqualTo(FailureClass.UNKNOWN);
    }
}
