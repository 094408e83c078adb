package dev.harness.orchestrator.service;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        if (program.contains(File.separator)) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path);
        }
        String pathVar = env.getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Splits a command line into words: whitespace separates, single and double quotes group, backslash escapes. */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw OrchestratorException.usage("Unbalanced quote in command: " + text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw OrchestratorException.usage("Empty command.");
        }
        return words;
    }
}
