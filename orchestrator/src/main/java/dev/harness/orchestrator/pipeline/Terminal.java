package dev.harness.orchestrator.pipeline;

import dev.harness.api.run.RunStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The person at the keyboard, when there is one. Questions are asked one at a time (parallel
 * tasks may need a decision together) on the people's stream; answers are read from stdin.
 */
public final class Terminal {
    private final boolean interactive;
    private final PrintStream out;
    private final BufferedReader in;
    private volatile Runnable beforePrompt = () -> { };
    private volatile Gate gate;

    /** The gate a question belongs to: what the run waits for if the person walks away (Ctrl-C) instead of answering. */
    public record Gate(RunStatus status, String taskId, String reason) {}

    private java.util.function.Consumer<Gate> onGate = g -> { };

    public Terminal(boolean interactive, PrintStream out, InputStream in) {
        this.interactive = interactive;
        this.out = out;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** A terminal only when both stdin and stdout are one (System.console() says so in Java 17). */
    public static Terminal detect(PrintStream people) {
        return new Terminal(System.console() != null, people, System.in);
    }

    public static Terminal none(PrintStream people) {
        return new Terminal(false, people, InputStream.nullInputStream());
    }

    /** Runs before each question, e.g. to take a progress line off the screen. */
    public void beforePrompt(Runnable action) {
        beforePrompt = action;
    }

    public boolean interactive() {
        return interactive;
    }

    /** Told when a question starts waiting at a gate (the notifier: a prompt logs nothing until answered). */
    public void onGate(java.util.function.Consumer<Gate> listener) {
        onGate = listener;
    }

    /** Asks {@code question} at {@code gate}: while it waits for the answer, {@link #gate()} names the gate. */
    public <T> T atGate(Gate waitingAt, java.util.function.Supplier<T> question) {
        gate = waitingAt;
        onGate.accept(waitingAt);
        try {
            return question.get();
        } finally {
            gate = null;
        }
    }

    /** The gate a question is waiting at now, if any. */
    public Optional<Gate> gate() {
        return Optional.ofNullable(gate);
    }

    /** Asks a free-text question; empty when stdin ended. */
    public synchronized Optional<String> ask(String question) {
        beforePrompt.run();
        out.print(question);
        out.flush();
        try {
            String line = in.readLine();
            return Optional.ofNullable(line).map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks until the answer is one of the choices (or its first letter); empty when stdin ended.
     * Choices are lower-case words with distinct first letters.
     */
    public synchronized Optional<String> choose(String question, List<String> choices) {
        String menu = question + " [" + String.join("/", choices.stream().map(c -> "(" + c.charAt(0) + ")" + c.substring(1)).toList()) + "] ";
        while (true) {
            Optional<String> answer = ask(menu);
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            String text = answer.get().toLowerCase(Locale.ROOT);
            for (String choice : choices) {
                if (!text.isEmpty() && (text.equals(choice) || text.equals(choice.substring(0, 1)))) {
                    return Optional.of(choice);
                }
            }
            out.println("Please answer one of: " + String.join(", ", choices) + ".");
        }
    }
}
