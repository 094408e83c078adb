package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.OrchestratorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options of the commands that execute a plan (run, and resume). */
public final class RunOptions {
    @Option(names = "--agent", paramLabel = "AGENT", defaultValue = "none",
            description = "none (the built-in worker only runs the acceptance tests), claude, codex, aider, "
                    + "or a command template such as \"my-agent --prompt-file {prompt_file}\" ({prompt}: the prompt as one "
                    + "argument, visible in ps; no placeholder: the prompt on stdin). Default: ${DEFAULT-VALUE}.")
    String agent;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "How many independent tasks may run at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = {"-y", "--yes"}, description = "Approve the plan without asking (recorded as approved by cli_flag).")
    boolean yes;

    @Option(names = "--trust", description = "Trust the workspace for this run's workers (recorded as approved by cli_flag).")
    boolean trust;

    @Option(names = "--no-trust", description = "Refuse trust in the workspace for this run, whatever your trust policy says:"
            + " the run ends rejected before anything of the workspace runs (recorded as refused by cli_flag).")
    boolean noTrust;

    @Option(names = "--keep-going", description = "After a task fails, still start the tasks that do not depend on it.")
    boolean keepGoing;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Longest wait for one task (e.g. 90s, 10m, 1h); then its worker is cancelled and the task fails.")
    String timeout;

    @Option(names = "--recipes", paramLabel = "FILE",
            description = "Recovery recipes (YAML, failure-scenario schema) passed to the worker manager.")
    Path recipes;

    @Option(names = "--trust-policy", paramLabel = "FILE",
            description = "The trust policy for the worker manager (default: env HARNESS_TRUST_POLICY, then "
                    + "~/.config/harness/trust-policy.yaml). Never read from the workspace.")
    Path trustPolicy;

    @Option(names = "--notify", paramLabel = "CMD",
            description = "Run CMD (an argv, never a shell; repeatable) when the run starts waiting for you and when it ends:"
                    + " the event as JSON on stdin, a one-line summary in HARNESS_NOTIFY_SUMMARY (default: notify: in"
                    + " ~/.config/harness/config.yaml). A failing or hanging notifier never stops the run.")
    List<String> notify;

    @Option(names = "--notify-timeout", paramLabel = "DURATION",
            description = "Longest a notifier may run before its process tree is killed (default: 10s).")
    String notifyTimeout;

    @Option(names = "--keep-worktrees", description = "Keep each task's worktree after its branch is integrated (failed tasks' are always kept).")
    boolean keepWorktrees;

    @Option(names = "--setup", paramLabel = "CMD",
            description = "Command that prepares a fresh task worktree before its agent runs (sh -c, in the worktree), "
                    + "e.g. \"npm ci --offline\"; default: npm ci / npm install for an npm project, else nothing.")
    String setup;

    @Option(names = "--apply", description = "When the run completes, bring its integration branch into your current branch "
            + "(as orchestrator apply RUN does).")
    boolean apply;

    @Option(names = "--budget-usd", paramLabel = "DOLLARS",
            description = "Stop starting attempts once the run's agents reported this much cost (total_cost_usd); the task"
                    + " then fails as budget_exceeded and waits for your decision. Default: budget_usd: in ~/.config/harness/config.yaml.")
    Double budgetUsd;

    @Option(names = "--budget-tokens", paramLabel = "N",
            description = "The same in tokens (input + output, as the agents report them). Default: budget_tokens: in config.yaml.")
    Long budgetTokens;

    /** resume: the run's budget as logged, with any part given again here; null: resolve from the flags and config. */
    dev.harness.api.worker.Budget budget;

    /** resume takes only some of these; a fresh holder means "not given". */
    RunOptions orParent(RunOptions parent) {
        if (parent == null) {
            return this;
        }
        RunOptions merged = new RunOptions();
        merged.agent = agent != null && !agent.equals("none") ? agent : parent.agent;
        merged.jobs = jobs != 1 ? jobs : parent.jobs;
        merged.yes = yes || parent.yes;
        merged.trust = trust || parent.trust;
        merged.noTrust = noTrust || parent.noTrust;
        merged.keepGoing = keepGoing || parent.keepGoing;
        merged.timeout = timeout != null ? timeout : parent.timeout;
        merged.recipes = recipes != null ? recipes : parent.recipes;
        merged.trustPolicy = trustPolicy != null ? trustPolicy : parent.trustPolicy;
        merged.notify = notify != null ? notify : parent.notify;
        merged.notifyTimeout = notifyTimeout != null ? notifyTimeout : parent.notifyTimeout;
        merged.keepWorktrees = keepWorktrees || parent.keepWorktrees;
        merged.setup = setup != null ? setup : parent.setup;
        merged.apply = apply || parent.apply;
        merged.budgetUsd = budgetUsd != null ? budgetUsd : parent.budgetUsd;
        merged.budgetTokens = budgetTokens != null ? budgetTokens : parent.budgetTokens;
        return merged;
    }

    Duration timeoutDuration() {
        return timeout == null ? null : parseDuration(timeout);
    }

    /** 90s, 500ms, 10m, 1h: a number always has its unit. */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                // a bare number is refused: "--timeout 5" read as 5 s surprised a user who meant minutes
                Long.parseLong(t);
                throw OrchestratorException.usage("Invalid duration '" + text + "': give a unit, e.g. " + t + "s, "
                        + t + "m or " + t + "h.");
            }
            if (d.isNegative() || d.isZero()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw OrchestratorException.usage("Invalid duration '" + text + "': use e.g. 90s, 10m or 1h.");
        }
    }
}
