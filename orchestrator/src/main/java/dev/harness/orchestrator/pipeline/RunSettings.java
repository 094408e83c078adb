package dev.harness.orchestrator.pipeline;

import dev.harness.api.worker.Budget;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the person asked for on the command line, resolved: where, with which agent, how many
 * tasks at once, which gates are pre-approved.
 *
 * @param noTrust      --no-trust: the trust gate's answer is no, before the policy is asked
 * @param keepWorktrees keep task worktrees after their branch is integrated (for inspection)
 * @param setup        the person's command that prepares a fresh task worktree (null: the project's usual install)
 * @param budget       the run's spending limit (--budget-usd/--budget-tokens, else config.yaml); NONE: no limit
 * @param taskTimeout the longest the orchestrator waits for one task before cancelling it; null: no limit
 *                    beyond the packet's own timeout_seconds
 */
public record RunSettings(
        Path workspace,
        Path stateDir,
        String agent,
        int jobs,
        boolean yes,
        boolean trust,
        boolean noTrust,
        boolean keepGoing,
        boolean json,
        Duration taskTimeout,
        Path recipes,
        Path trustPolicy,
        boolean keepWorktrees,
        String setup,
        boolean apply,
        Budget budget) {

    public RunSettings {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        agent = agent == null || agent.isBlank() ? "none" : agent;
        budget = budget == null ? Budget.NONE : budget;
        if (trust && noTrust) {
            throw new IllegalArgumentException("--trust and --no-trust cannot be given together");
        }
    }

    /** No agent: the built-in worker only runs each task's acceptance tests. */
    public boolean verifyOnly() {
        return agent.equals("none");
    }
}
