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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.PhaseArtifacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * cli_entry's artifacts.
     *
     * @param repositoryRoot the git top level, else the workspace (instruction files are looked for up to it)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Artifacts(String workspace, GitState git, String repositoryRoot, ConfigDir configDir, RunDir runDir,
                            Agent agent) implements dev.harness.bootstrap.Artifacts {}

    /** What git says about the workspace: one record per case, so each carries exactly its own fields. */
    public sealed interface GitState permits GitUnavailable, NotARepository, Repository {}

    /** git could not be run (not installed, timed out). */
    @JsonPropertyOrder({"available", "repository", "reason"})
    public record GitUnavailable(String reason) implements GitState {
        @JsonProperty
        public boolean available() {
            return false;
        }

        @JsonProperty
        public boolean repository() {
            return false;
        }
    }

    @JsonPropertyOrder({"available", "repository"})
    public record NotARepository() implements GitState {
        @JsonProperty
        public boolean available() {
            return true;
        }

        @JsonProperty
        public boolean repository() {
            return false;
        }
    }

    /**
     * @param branch null on a detached HEAD
     * @param head   null before the first commit
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"available", "repository", "top_level", "branch", "head", "detached", "clean", "changed_entries"})
    public record Repository(String topLevel, String branch, String head, boolean clean, int changedEntries)
            implements GitState {
        @JsonProperty
        public boolean available() {
            return true;
        }

        @JsonProperty
        public boolean repository() {
            return true;
        }

        @JsonProperty
        public boolean detached() {
            return branch == null && head != null;
        }
    }

    /** @param source which variable chose it: HARNESS_CONFIG_DIR, XDG_CONFIG_HOME or default */
    public record ConfigDir(String path, boolean exists, String source) {}

    /** @param gitExcludeFile the info/exclude the directory was added to; null with its pattern outside a repository */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunDir(String path, boolean writable, String gitExcludeFile, String gitExcludePattern) {}

    /** The configured agent preset; credentials by name and presence, never their values. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Agent(String preset, String source, List<String> command, List<PhaseArtifacts.Credential> credentials,
                        boolean credentialsPresent) {
        public Agent {
            command = List.copyOf(command);
            credentials = List.copyOf(credentials);
        }
    }

    @Override
    public PhaseOutcome run(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        PhaseOutcome outcome = new PhaseOutcome();
        Path workspace = context.workspace();

        Path repositoryRoot = workspace;
        GitState gitState;
        GitFacts.Facts facts = git.inspect(workspace);
        if (facts instanceof GitFacts.Unavailable u) {
            gitState = new GitUnavailable(u.reason());
            outcome.warn("git facts unavailable: " + u.reason());
        } else if (facts instanceof GitFacts.Repository r) {
            gitState = new Repository(r.topLevel().toString(), r.branch(), r.head(), r.clean(), r.changedEntries());
            repositoryRoot = r.topLevel();
            if (r.head() == null) {
                outcome.warn("repository " + r.topLevel() + " has no commits yet");
            }
            // Checking out another branch changes these facts: HEAD is an input (force:true refreshes the rest).
            Path dotGit = r.topLevel().resolve(".git");
            if (Files.isDirectory(dotGit)) {
                outcome.inputs().probe(dotGit.resolve("HEAD"));
            }
        } else {
            gitState = new NotARepository();
            outcome.warn("workspace " + workspace + " is not inside a git repository; commit policies that need git will not work");
        }

        Path configDir = environment.configDir();
        ConfigDir config = new ConfigDir(configDir.toString(), Files.isDirectory(configDir),
                environment.isSet("HARNESS_CONFIG_DIR") ? "HARNESS_CONFIG_DIR"
                        : environment.isSet("XDG_CONFIG_HOME") ? "XDG_CONFIG_HOME" : "default");

        StateDirectory.Prepared run = runDirectory.prepare(workspace, context.runDir());
        RunDir runDir = new RunDir(run.runDir().toString(), run.writable(),
                run.excludeFile() == null ? null : run.excludeFile().toString(),
                run.excludeFile() == null ? null : run.excludePattern());
        run.diagnostics().forEach(d -> {
            if (run.writable()) {
                outcome.warn(d);
            } else {
                outcome.fail(d);
            }
        });

        AgentPreset.Configured configured = AgentPreset.configured(context.agent(), environment);
        AgentPreset preset = configured.preset();
        List<PhaseArtifacts.Credential> credentials = preset.credentialVariables().stream()
                .map(variable -> new PhaseArtifacts.Credential(variable, environment.isSet(variable))).toList();
        boolean satisfied = preset.credentialsSatisfied(environment);
        if (!satisfied) {
            outcome.warn("agent " + preset.name() + " needs " + String.join(preset.anyCredentialSuffices() ? " or " : " and ",
                    preset.credentialVariables()) + " in the environment, which is not set (a logged-in CLI may still work)");
        }
        outcome.report(new Artifacts(workspace.toString(), gitState, repositoryRoot.toString(), config, runDir,
                new Agent(preset.name(), configured.source(), preset.command(), credentials, satisfied)));
        return outcome;
    }
}
