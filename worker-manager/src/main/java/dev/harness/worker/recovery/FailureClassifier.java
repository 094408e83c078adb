package dev.harness.worker.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.worker.attempt.AgentEvent;
import dev.harness.worker.attempt.AttemptOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the failure class of an attempt, from the strongest signal to the weakest: a setup
 * failure, a missing agent command, the timeout, the agent's own structured result (Claude Code
 * stream-json, Codex --json), exit codes, output patterns; an agent that succeeded but left a
 * failing acceptance test made a logic error. Pure: the same outcome always gives the same answer.
 */
public final class FailureClassifier {
    private static final Map<FailureClass, List<Pattern>> BUILT_IN = new LinkedHashMap<>();

    static {
        // Order matters where texts overlap: a 403 is a permission problem even when retried.
        BUILT_IN.put(FailureClass.PERMISSION, patterns(
                "\\bEACCES\\b", "\\bEPERM\\b", "permission denied", "\\b40[13]\\b", "unauthori[sz]ed", "forbidden",
                "authentication (failed|required)", "invalid api key", "not permitted"));
        BUILT_IN.put(FailureClass.TRANSIENT, patterns(
                "connection (reset|refused|timed out|closed)", "\\bECONNRESET\\b", "\\bECONNREFUSED\\b",
                "\\bETIMEDOUT\\b", "\\bEAI_AGAIN\\b", "\\b(429|502|503|504|529)\\b", "rate[ _-]?limit",
                "too many requests", "temporarily unavailable", "service unavailable", "overloaded"));
        BUILT_IN.put(FailureClass.INVALID_INPUT, patterns(
                "missing required", "malformed", "parse error", "schema validation", "invalid (json|yaml|input|argument)"));
        BUILT_IN.put(FailureClass.UNRECOVERABLE, patterns("command not found", "\\b404\\b"));
    }

    private final RecoveryRecipes recipes;

    public FailureClassifier(RecoveryRecipes recipes) {
        this.recipes = recipes;
    }

    /** The class of a failed attempt; null when the attempt succeeded. */
    public Classification classify(AttemptOutcome outcome) {
        if (outcome.setupFailure() != null) {
            return Classification.of(outcome.setupFailure().failureClass(), "setup", outcome.setupFailure().message());
        }
        AttemptOutcome.AgentResult agent = outcome.agent();
        if (agent.startError() != null) {
            return Classification.of(FailureClass.UNRECOVERABLE, "agent_command", agent.startError());
        }
        if (agent.timedOut()) {
            return Classification.of(FailureClass.TRANSIENT, "timeout",
                    "the agent was killed by the task timeout after " + agent.durationMs() + " ms");
        }
        if (!agent.succeeded()) {
            return classifyAgentFailure(agent);
        }
        AttemptOutcome.TestResult failed = outcome.firstFailedTest();
        if (failed == null) {
            return null;
        }
        Classification denials = claudeDenials(agent.structured());
        if (denials != null) {
            return denials; // the tests failed because the agent was not allowed to do the work
        }
        return classifyTestFailure(failed);
    }

    private Classification classifyAgentFailure(AttemptOutcome.AgentResult agent) {
        Classification structured = fromStructured(agent.structured());
        if (structured != null) {
            structured = structured.withExitCode(agent.exitCode());
            return structured;
        }
        Classification byCode = byExitCode(agent.exitCode(), "agent '" + agent.command() + "'");
        if (byCode != null) {
            return byCode;
        }
        Classification byText = byPatterns(agent.outputTail(), "agent_output");
        if (byText != null) {
            byText = byText.withExitCode(agent.exitCode());
            return byText;
        }
        Classification unknown = Classification.of(FailureClass.UNKNOWN, "exit_code",
                "the agent '" + agent.command() + "' exited with " + agent.exitCode() + " and nothing in its output says why");
        unknown = unknown.withExitCode(agent.exitCode());
        return unknown;
    }

    private Classification classifyTestFailure(AttemptOutcome.TestResult test) {
        Classification result;
        if (test.timedOut()) {
            result = Classification.of(FailureClass.TRANSIENT, "timeout",
                    "acceptance test " + dev.harness.protocol.CommandWords.shown(test.command()) + " was killed by the task timeout"
                            + (test.onBase() == null ? "" : "; " + test.onBase()));
        } else {
            String what = "acceptance test " + dev.harness.protocol.CommandWords.shown(test.command());
            // the user's exit codes first; then what the output says is missing (a shell's 127 for pnpm is the
            // environment's, which a person installs); then the built-in exit codes
            result = byRecipeExitCode(test.exitCode(), what);
            java.util.Optional<MissingDependency> missing = result == null ? MissingDependency.find(test.outputTail())
                    : java.util.Optional.empty();
            if (result == null && missing.isEmpty()) {
                result = byBuiltInExitCode(test.exitCode(), what);
            }
            if (missing.isPresent() && test.passedOnBase()) {
                // the same check loaded everything on the task's base: this change imports what is not there (a
                // module of the project it did not write, or a package the project does not use) — the agent's to fix
                result = Classification.of(FailureClass.LOGIC_ERROR, "acceptance_test", missing.get().introduced(test.command()));
                result = result.withExitCode(test.exitCode());
            } else if (missing.isPresent()) {
                // the environment lacks what the check imports: feeding this back to the agent cannot fix it
                result = Classification.of(FailureClass.MISSING_DEPENDENCY, "acceptance_test", missing.get().advice(test.command())
                        + (test.onBase() == null ? "" : "; " + test.onBase()));
                result = result.withExitCode(test.exitCode());
            } else if (result == null) {
                // a check that fails without the change too is named as such: the person (and the agent's
                // feedback) must know it cannot tell whether this task works; the recipe still decides
                // the base's sentence first when it names the check and its exit itself: a summary cuts a long reason
                String shown = dev.harness.protocol.CommandWords.shown(test.command());
                result = Classification.of(FailureClass.LOGIC_ERROR, "acceptance_test", test.onBase() != null && test.onBase().startsWith(shown)
                        ? "acceptance test " + test.onBase()
                        : "acceptance test " + shown + " failed with exit code " + test.exitCode()
                                + (test.onBase() == null ? "" : "; " + test.onBase()));
                result = result.withExitCode(test.exitCode());
            }
        }
        result = result.withTest(test.command(), tail(test.outputTail(), 2000));
        return result;
    }

    /** Claude Code's final result event, or Codex's turn.failed / error events. */
    private Classification fromStructured(List<JsonNode> lines) {
        List<AgentEvent> events = lines.stream().map(AgentEvent::of).toList();
        AgentEvent result = null;
        AgentEvent codexError = null;
        for (AgentEvent event : events) {
            if (event.is("result")) {
                result = event;
            } else if (event.is("turn.failed") || event.is("error")) {
                codexError = event;
            }
        }
        if (result != null) {
            Classification denials = claudeDenials(lines);
            if (denials != null) {
                return denials;
            }
            int status = result.apiErrorStatus() == null ? 0 : result.apiErrorStatus();
            FailureClass byStatus = byHttpStatus(status);
            if (byStatus != null) {
                Classification c = Classification.of(byStatus, "claude_result", "Claude Code reported API error status " + status
                        + " (" + (result.subtype() == null ? "" : result.subtype()) + ")");
                c = c.withApiErrorStatus(status);
                return c;
            }
            if (result.failed()) {
                String text = result.result() != null ? result.result() : result.subtype() == null ? "" : result.subtype();
                Classification byText = byPatterns(text, "claude_result");
                if (byText != null) {
                    return byText;
                }
                return Classification.of(FailureClass.UNKNOWN, "claude_result", "Claude Code ended with "
                        + (result.subtype() == null ? "an error" : result.subtype()) + ": " + tail(text, 300));
            }
        }
        if (codexError != null) {
            String message = codexError.errorMessage();
            Classification byText = byPatterns(message, "codex_event");
            if (byText != null) {
                byText = byText.withEvent(codexError.type());
                return byText;
            }
            return Classification.of(FailureClass.UNKNOWN, "codex_event", "Codex reported " + codexError.type() + ": " + tail(message, 300));
        }
        return null;
    }

    private static Classification claudeDenials(List<JsonNode> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            AgentEvent event = AgentEvent.of(lines.get(i));
            if (event.is("result")) {
                List<String> tools = event.deniedTools();
                if (tools.isEmpty()) {
                    return null;
                }
                Classification c = Classification.of(FailureClass.PERMISSION, "claude_result",
                        "Claude Code was denied permission for " + String.join(", ", tools));
                c = c.withPermissionDenials(event.permissionDenials());
                return c;
            }
        }
        return null;
    }

    private static FailureClass byHttpStatus(int status) {
        if (status == 429 || status == 529 || (status >= 500 && status <= 599)) {
            return FailureClass.TRANSIENT;
        }
        if (status == 401 || status == 403) {
            return FailureClass.PERMISSION;
        }
        if (status == 404) {
            return FailureClass.UNRECOVERABLE;
        }
        if (status == 400 || status == 422) {
            return FailureClass.INVALID_INPUT;
        }
        return null;
    }

    private Classification byExitCode(Integer code, String what) {
        Classification byRecipe = byRecipeExitCode(code, what);
        return byRecipe != null ? byRecipe : byBuiltInExitCode(code, what);
    }

    /** The class whose recipe (the user's, then the built-in file's) lists the exit code. */
    private Classification byRecipeExitCode(Integer code, String what) {
        if (code == null) {
            return null;
        }
        for (FailureClass failureClass : FailureClass.values()) {
            RecoveryRecipe recipe = recipes.forClass(failureClass);
            if (recipe != null && recipe.exitCodes().contains(code)) {
                Classification c = Classification.of(failureClass, "exit_code",
                        what + " exited with " + code + " (listed in the " + failureClass.wire() + " recipe)");
                c = c.withExitCode(code);
                return c;
            }
        }
        return null;
    }

    /** The shell's own exit codes: 124 timeout, 126 not executable, 127 command not found. */
    private static Classification byBuiltInExitCode(Integer code, String what) {
        if (code == null) {
            return null;
        }
        FailureClass builtIn = switch (code) {
            case 124 -> FailureClass.TRANSIENT;
            case 126 -> FailureClass.PERMISSION;
            case 127 -> FailureClass.UNRECOVERABLE;
            default -> null;
        };
        if (builtIn == null) {
            return null;
        }
        String why = switch (code) {
            case 124 -> "timed out";
            case 126 -> "not executable / permission denied";
            default -> "command not found";
        };
        Classification c = Classification.of(builtIn, "exit_code", what + " exited with " + code + " (" + why + ")");
        c = c.withExitCode(code);
        return c;
    }

    private Classification byPatterns(String text, String source) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        // The user's patterns first, then the built-in ones; last lines first (the end says why).
        List<String> lines = new ArrayList<>(text.lines().toList());
        java.util.Collections.reverse(lines);
        for (FailureClass failureClass : FailureClass.values()) {
            RecoveryRecipe recipe = recipes.forClass(failureClass);
            Classification c = match(lines, recipe == null ? List.of() : recipe.patterns(), failureClass, source);
            if (c != null) {
                return c;
            }
        }
        for (Map.Entry<FailureClass, List<Pattern>> entry : BUILT_IN.entrySet()) {
            Classification c = match(lines, entry.getValue(), entry.getKey(), source);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static Classification match(List<String> lines, List<Pattern> patterns, FailureClass failureClass, String source) {
        for (String line : lines) {
            for (Pattern pattern : patterns) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    Classification c = Classification.of(failureClass, source,
                            "output matched /" + pattern.pattern() + "/: " + tail(line.strip(), 300));
                    return c.withMatch(pattern.pattern(), tail(line.strip(), 500));
                }
            }
        }
        return null;
    }

    private static List<Pattern> patterns(String... regexes) {
        List<Pattern> list = new ArrayList<>();
        for (String regex : regexes) {
            list.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }
        return List.copyOf(list);
    }

    public static String tail(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }
}
