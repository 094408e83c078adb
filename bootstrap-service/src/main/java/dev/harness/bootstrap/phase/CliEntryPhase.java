package dev.harness.bootstrap.phase;

import dev.harness.bootstrap.BootstrapContext;
import dev.harness.api.bootstrap.Phase;
import dev.harness.bootstrap.PhaseOutcome;
import dev.harness.bootstrap.PhaseRecord;
import dev.harness.bootstrap.PhaseStep;
import dev.harness.bootstrap.host.AgentPreset;
import dev.harness.bootstrap.host.GitFacts;
import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.bootstrap.host.StateDirectory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * cli_entry: where the harness is — the workspace's git facts, the harness's config and run
 * directories — and with what: the configured agent and whether its credentials are present.
 */
public final class CliEntryPhase implements PhaseStep {
    /** Every variable whose presence (never value) the agent presets look at. */
    static final String[] CREDENTIAL_VARIABLES = {"ANTHROPIC_API_KEY", "OPENAI_API_KEY"};

    private final HostEnvironment environment;
    private final GitFacts git;
    private final StateDirectory runDirectory;

    public CliEntryPhase(HostEnvironment environment, GitFacts git, StateDirectory runDirectory) {
        this.environment = environment;
        this.git = git;
        this.runDirectory = runDirectory;
    }

    @Override
    public Phase phase() {
        return Phase.CLI_ENTRY;
    }

    @Override
    public ObjectNode inputs(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        ObjectNode inputs = context.fields("run_dir", "agent");
        ObjectNode env = inputs.putObject("environment");
        env.put("HARNESS_AGENT", environment.get("HARNESS_AGENT").orElse(null));
        env.put("config_dir", environment.configDir().toString());
        for (String variable : CREDENTIAL_VARIABLES) {
            env.put(variable + "_present", environment.isSet(variable));
        }
        return inputs;
    }

    @Override
    public PhaseOutcome run(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        PhaseOutcome outcome = new PhaseOutcome();
        ObjectNode artifacts = outcome.artifacts();
        Path workspace = context.workspace();
        artifacts.put("workspace", workspace.toString());

        ObjectNode gitNode = artifacts.putObject("git");
        Path repositoryRoot = workspace;
        GitFacts.Facts facts = git.inspect(workspace);
        if (facts instanceof GitFacts.Unavailable u) {
            gitNode.put("available", false).put("repository", false).put("reason", u.reason());
            outcome.warn("git facts unavailable: " + u.reason());
        } else if (facts instanceof GitFacts.NotARepository) {
            gitNode.put("available", true).put("repository", false);
            outcome.warn("workspace " + workspace + " is not inside a git repository; commit policies that need git will not work");
        } else if (facts instanceof GitFacts.Repository r) {
            repositoryRoot = r.topLevel();
            gitNode.put("available", true).put("repository", true)
                    .put("top_level", r.topLevel().toString())
                    .put("branch", r.branch())
                    .put("head", r.head())
                    .put("detached", r.branch() == null && r.head() != null)
                    .put("clean", r.clean())
                    .put("changed_entries", r.changedEntries());
            if (r.head() == null) {
                outcome.warn("repository " + r.topLevel() + " has no commits yet");
            }
            // Checking out another branch changes these facts: HEAD is an input (force:true refreshes the rest).
            Path dotGit = r.topLevel().resolve(".git");
            if (Files.isDirectory(dotGit)) {
                outcome.inputs().probe(dotGit.resolve("HEAD"));
            }
        }
        artifacts.put("repository_root", repositoryRoot.toString());

        Path configDir = environment.configDir();
        artifacts.putObject("config_dir")
                .put("path", configDir.toString())
                .put("exists", Files.isDirectory(configDir))
                .put("source", environment.isSet("HARNESS_CONFIG_DIR") ? "HARNESS_CONFIG_DIR"
                        : environment.isSet("XDG_CONFIG_HOME") ? "XDG_CONFIG_HOME" : "default");

        StateDirectory.Prepared run = runDirectory.prepare(workspace, context.runDir());
        ObjectNode runNode = artifacts.putObject("run_dir")
                .put("path", run.runDir().toString())
                .put("writable", run.writable());
        if (run.excludeFile() != null) {
            runNode.put("git_exclude_file", run.excludeFile().toString()).put("git_exclude_pattern", run.excludePattern());
        }
        run.diagnostics().forEach(d -> {
            if (run.writable()) {
                outcome.warn(d);
            } else {
                outcome.fail(d);
            }
        });

        AgentPreset.Configured configured = AgentPreset.configured(context.agent(), environment);
        AgentPreset preset = configured.preset();
        ObjectNode agent = artifacts.putObject("agent");
        agent.put("preset", preset.name()).put("source", configured.source());
        ArrayNode command = agent.putArray("command");
        preset.command().forEach(command::add);
        ArrayNode credentials = agent.putArray("credentials");
        for (String variable : preset.credentialVariables()) {
            credentials.add(Json.object().put("name", variable).put("present", environment.isSet(variable)));
        }
        boolean satisfied = preset.credentialsSatisfied(environment);
        agent.put("credentials_present", satisfied);
        if (!satisfied) {
            outcome.warn("agent " + preset.name() + " needs " + String.join(preset.anyCredentialSuffices() ? " or " : " and ",
                    preset.credentialVariables()) + " in the environment, which is not set (a logged-in CLI may still work)");
        }
        return outcome;
    }
}
