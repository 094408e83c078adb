package dev.harness.orchestrator.pipeline;

import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.ApprovalSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The person at the keyboard, when there is one. Questions are asked one at a time (parallel
 * tasks may need a decision together) on the people's stream; answers are read from stdin — or,
 * at a gate, come from {@link Elsewhere} (the dashboard, another {@code resume}) while the question waits.
 */
public final class Terminal {
    private final boolean interactive;
    private final PrintStream out;
    private final BufferedReader in;
    private volatile Runnable beforePrompt = () -> { };
    private volatile Gate gate;
    private final ThreadLocal<Gate> gateHere = new ThreadLocal<>();
    private final ThreadLocal<Answer> answeredElsewhere = new ThreadLocal<>();
    private volatile Elsewhere elsewhere;
    /** stdin's lines, read by one daemon thread once answers may also come from elsewhere (a read cannot be interrupted). */
    private BlockingQueue<Optional<String>> lines;

    /** A question at a gate answered somewhere else: the choice, and who gave it how (recorded as such). */
    public record Answer(String choice, ApprovalSource source, String approver, String comment, String from) {}

    /**
     * Where else the answer to a question at a gate may come from while it waits. {@link #asking} is
     * told the question, {@link #answer} is polled (a few times a second) until one of the two gives
     * an answer, then {@link #asked} is told the question is over.
     */
    public interface Elsewhere {
        void asking(Gate gate, String question, List<String> choices);

        Optional<Answer> answer();

        void asked();
    }

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

    /** Answers may also come from {@code elsewhere} while a question at a gate waits. */
    public void answersAlsoFrom(Elsewhere elsewhere) {
        this.elsewhere = elsewhere;
    }

    /** The last {@link #choose} on this thread was answered elsewhere: by whom and how. */
    public Optional<Answer> answeredElsewhere() {
        return Optional.ofNullable(answeredElsewhere.get());
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
        gateHere.set(waitingAt);
        onGate.accept(waitingAt);
        try {
            return question.get();
        } finally {
            gate = null;
            gateHere.remove();
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
        if (lines == null) {
            try {
                String line = in.readLine();
                return Optional.ofNullable(line).map(String::strip);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return nextLine(null, List.of());
    }

    /** The next line typed, or an answer from elsewhere (then null is never returned: empty means stdin ended). */
    private Optional<String> nextLine(Elsewhere from, List<String> choices) {
        try {
            while (true) {
                Optional<String> line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    return line.map(String::strip);
                }
                if (from != null) {
                    Optional<Answer> answer = from.answer().filter(a -> choices.contains(a.choice()));
                    if (answer.isPresent()) {
                        answeredElsewhere.set(answer.get());
                        Answer a = answer.get();
                        out.println();
                        out.println("→ " + a.choice() + ", answered " + a.from() + " by " + a.approver()
                                + (a.comment() == null || a.comment().isBlank() ? "" : " (\"" + a.comment() + "\")") + ".");
                        out.flush();
                        return Optional.of(a.choice());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void pumpStdin() {
        if (lines != null) {
            return;
        }
        lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(Optional.of(line));
                }
            } catch (IOException e) {
                // stdin failed: as if it ended
            }
            lines.add(Optional.empty());
        }, "terminal-stdin");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Asks until the answer is one of the choices (or its first letter); empty when stdin ended.
     * Choices are lower-case words with distinct first letters.
     */
    public synchronized Optional<String> choose(String question, List<String> choices) {
        String menu = question + " [" + String.join("/", choices.stream().map(c -> "(" + c.charAt(0) + ")" + c.substring(1)).toList()) + "] ";
        answeredElsewhere.remove();
        Gate at = gateHere.get();
        Elsewhere from = at == null || !interactive ? null : elsewhere;
        if (from == null) {
            return chooseHere(menu, choices);
        }
        pumpStdin();
        from.asking(at, question, choices);
        try {
            while (true) {
                beforePrompt.run();
                out.print(menu);
                out.flush();
                Optional<String> answer = nextLine(from, choices);
                if (answer.isEmpty() || answeredElsewhere.get() != null) {
                    return answer;
                }
                Optional<String> choice = match(answer.get(), choices);
                if (choice.isPresent()) {
                    return choice;
                }
                out.println("Please answer one of: " + String.join(", ", choices) + ".");
            }
        } finally {
            from.asked();
        }
    }

    private static Optional<String> match(String answer, List<String> choices) {
        String text = answer.toLowerCase(Locale.ROOT);
        for (String choice : choices) {
            if (!text.isEmpty() && (text.equals(choice) || text.equals(choice.substring(0, 1)))) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }

    private Optional<String> chooseHere(String menu, List<String> choices) {
        while (true) {
            Optional<String> answer = ask(menu);
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> choice = match(answer.get(), choices);
            if (choice.isPresent()) {
                return choice;
            }
            out.println("Please answer one of: " + String.join(", ", choices) + ".");
        }
    }
}
