package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.bootstrap.PhaseArtifacts;
import java.util.ArrayList;
import java.util.List;

/** One line of what a bootstrap phase found, from its artifacts, for the person watching. */
final class BootstrapFacts {
    private BootstrapFacts() {}

    static String of(Phase phase, ObjectNode artifacts) {
        return PhaseArtifacts.of(phase, artifacts).map(BootstrapFacts::of).orElse("");
    }

    /**
     * Whether a phase's diagnostic only says again, at length, an absence its one line already
     * says ("no instruction files", "no MCP servers configured"): the usual state of a workspace
     * with nothing configured, so the console leaves it out on every run; the run's log keeps it
     * in bootstrap_phase_completed.
     */
    static boolean restatesTheLine(Phase phase, ObjectNode artifacts, String diagnostic) {
        String line = of(phase, artifacts);
        return diagnostic != null && (line.startsWith("no instruction files") && diagnostic.startsWith("no instruction files apply")
                || line.equals("no MCP servers configured") && diagnostic.startsWith("no MCP configuration"));
    }

    private static String of(PhaseArtifacts artifacts) {
        if (artifacts instanceof PhaseArtifacts.CliEntry a) {
            return cliEntry(a);
        }
        if (artifacts instanceof PhaseArtifacts.SystemPrompt a) {
            return systemPrompt(a);
        }
        if (artifacts instanceof PhaseArtifacts.Mcp a) {
            return mcp(a);
        }
        if (artifacts instanceof PhaseArtifacts.DaemonWorker a) {
            return worker(a);
        }
        PhaseArtifacts.MainRuntime main = (PhaseArtifacts.MainRuntime) artifacts;
        return yes(main.ready()) ? "ready" + (blank(main.reportPath()) ? "" : "; report " + main.reportPath()) : "";
    }

    private static String cliEntry(PhaseArtifacts.CliEntry a) {
        List<String> facts = new ArrayList<>();
        PhaseArtifacts.GitState git = a.git();
        PhaseArtifacts.AgentCheck agent = a.agent();
        boolean agentCommits = agent != null && agent.preset() != null && !"none".equals(agent.preset());
        if (git != null && yes(git.repository())) {
            // an agent's task works in a worktree of HEAD: a person's uncommitted edit is not there, say so before it runs
            String state = git.isClean().map(clean -> clean ? " (clean)" : agentCommits
                    ? " (dirty: each task starts from the last commit, without your uncommitted changes)"
                    : " (dirty)").orElse("");
            facts.add("git" + (blank(git.branch()) ? "" : " " + git.branch()) + state);
        } else if (git != null && git.repository() != null) {
            facts.add("not a git repository");
        }
        if (agent != null && agent.preset() != null) {
            facts.add("agent " + agent.preset() + (agent.credentials().isEmpty() ? ""
                    : yes(agent.credentialsPresent()) ? ", credentials present" : ", credentials MISSING"));
        }
        return String.join("; ", facts);
    }

    private static String systemPrompt(PhaseArtifacts.SystemPrompt a) {
        List<String> files = new ArrayList<>();
        for (PhaseArtifacts.InstructionFile file : a.files()) {
            if (!Boolean.FALSE.equals(file.included())) {
                files.add(file.path());
            }
        }
        String prompt = a.prompt() != null && a.prompt().sizeBytes() != null ? "; prompt " + a.prompt().sizeBytes() + " bytes" : "";
        return (files.isEmpty() ? "no instruction files" : "instructions: " + String.join(", ", files)) + prompt;
    }

    private static String mcp(PhaseArtifacts.Mcp a) {
        List<String> servers = new ArrayList<>();
        for (PhaseArtifacts.McpServer server : a.servers()) {
            String name = server.name() == null ? "?" : server.name();
            if (server.skipped() != null) {
                servers.add(name + " (not started until the workspace is trusted)");
                continue;
            }
            String tools = server.toolCount() != null ? " " + server.toolCount() + " tools" : "";
            servers.add(name + (yes(server.ok()) ? " ✓" + tools : " ✗"));
        }
        return servers.isEmpty() ? "no MCP servers configured" : "MCP: " + String.join(", ", servers);
    }

    private static String worker(PhaseArtifacts.DaemonWorker a) {
        List<String> facts = new ArrayList<>();
        for (PhaseArtifacts.CommandCheck command : a.commands()) {
            facts.add(command.role() + " " + command.command() + (yes(command.found())
                    ? (Boolean.FALSE.equals(command.answered()) ? " did not answer" : " ok") : " NOT FOUND"));
        }
        long writable = a.writable().stream().filter(path -> yes(path.writable())).count();
        if (!a.writable().isEmpty()) {
            facts.add(writable + "/" + a.writable().size() + " paths writable");
        }
        return String.join("; ", facts);
    }

    private static boolean yes(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static boolean blank(String text) {
        return text == null || text.isEmpty();
    }
}
