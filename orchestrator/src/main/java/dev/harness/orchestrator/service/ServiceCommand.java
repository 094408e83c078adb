package dev.harness.orchestrator.service;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.protocol.CommandWords;
import dev.harness.protocol.process.PathLookup;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start a service: an override (--planning-service CMD, or the service's environment
 * variable) or the executable of this installation (harness.home/bin/NAME). An override is split
 * into arguments like a shell would split words (quotes group), but no shell ever runs it.
 */
public record ServiceCommand(ServiceKind kind, List<String> argv) {
    public ServiceCommand {
        argv = List.copyOf(argv);
    }

    /** Resolves the command and checks that its executable exists, naming it when it does not. */
    public static ServiceCommand resolve(ServiceKind kind, String override, Map<String, String> env) {
        String text = override != null && !override.isBlank() ? override : env.get(kind.envVar());
        List<String> argv;
        String origin;
        if (text != null && !text.isBlank()) {
            argv = split(text);
            origin = override != null && !override.isBlank() ? "--" + kind.executable() : kind.envVar();
        } else {
            argv = List.of(installationHome().resolve("bin").resolve(kind.executable()).toString());
            origin = "this installation";
        }
        String program = argv.get(0);
        if (!isRunnable(program, env)) {
            throw new OrchestratorException(ExitCode.INTERNAL, kind.executable() + " executable not found or not executable: "
                    + program + " (from " + origin + "); build it with 'mvn -B -DskipTests package' or name another with --"
                    + kind.executable() + " CMD or " + kind.envVar() + ".");
        }
        return new ServiceCommand(kind, argv);
    }

    /** The installation root: harness.home (set by bin/harness-launch) or the jar's module's parent. */
    public static Path installationHome() {
        String home = System.getProperty("harness.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        try {
            Path code = Path.of(ServiceCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // <home>/orchestrator/target/orchestrator.jar or <home>/orchestrator/target/classes
            Path target = code.getParent();
            if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
                return target.getParent().getParent();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static boolean isRunnable(String program, Map<String, String> env) {
        return PathLookup.find(program, env).isPresent(); // the suite's one PATH lookup (an empty PATH entry is never ".")
    }

    /** The command's argument list (CommandWords: a JSON array, or words split like a shell, without one). */
    public static List<String> split(String text) {
        try {
            return CommandWords.parse(text);
        } catch (IllegalArgumentException e) {
            throw OrchestratorException.usage("Unbalanced quote or unusable command '" + text + "': " + e.getMessage());
        }
    }
}
