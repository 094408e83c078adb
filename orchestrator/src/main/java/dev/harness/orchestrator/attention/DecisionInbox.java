package dev.harness.orchestrator.attention;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.orchestrator.pipeline.Terminal;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.protocol.Json;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A question waiting at a terminal, answerable from elsewhere. The orchestrator asking at a gate
 * (plan approval, trust, escalation) writes what it asks to {@code prompt.json} in the run
 * directory; the dashboard or another {@code resume} appends an answer naming that prompt to
 * {@code answers.jsonl}; the waiting question takes the first valid answer for it, says it was
 * taken, and records the decision with its real source exactly as it records its own. The event
 * log keeps one writer: only the orchestrator holding the run appends to it.
 *
 * <p>An answer names the prompt it answers (a random id), so an answer given to an earlier question
 * (a plan since edited, an escalation since decided at the keyboard) never answers a later one.
 */
public final class DecisionInbox implements Terminal.Elsewhere {
    static final String PROMPT = "prompt.json";
    static final String ANSWERS = "answers.jsonl";
    private static final Set<ApprovalSource> ELSEWHERE = Set.of(ApprovalSource.WEB, ApprovalSource.CLI_FLAG, ApprovalSource.MCP_ELICITATION);
    private static final int MAX_LINE = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the terminal asks now: the gate (plan, trust, decision), its task, and the actions answerable elsewhere. */
    public record Prompt(String promptId, String gate, String taskId, String question, List<String> actions) {
        /** The terminal's own word for an action (trust is "yes" at the keyboard, refusing it "no"). */
        String choice(String action) {
            return switch (action) {
                case "trust" -> "yes";
                case "refuse" -> "no";
                default -> action;
            };
        }
    }

    /** An answer given elsewhere, as appended to answers.jsonl. */
    record Given(String requestId, String promptId, String action, ApprovalSource source, String approver, String comment) {}

    // the two files as written and read (the writer and the readers go through these records)

    /** prompt.json: what the terminal asks, and which process asks it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PromptFile(String promptId, String gate, String taskId, String question, List<String> actions, Long pid) {}

    /** A line of answers.jsonl that gives an answer (source as text: a line from a newer writer still reads). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AnswerLine(String requestId, String promptId, String action, String source, String approver, String comment,
                      String time) {}

    /** A line of answers.jsonl that says the waiting question took an answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TakenLine(String taken, String promptId) {}

    private final RunDirectory dir;
    private Prompt asking;
    private long read;

    public DecisionInbox(RunDirectory dir) {
        this.dir = dir;
    }

    // ---- the orchestrator asking at its terminal ----

    @Override
    public synchronized void asking(Terminal.Gate gate, String question, List<String> choices) {
        String kind = gate.status() == RunStatus.AWAITING_DECISION ? "decision"
                : gate.taskId() != null || gate.status() == RunStatus.AWAITING_TRUST ? "trust" : "plan";
        List<String> actions = switch (kind) {
            case "plan" -> choices.stream().filter(c -> c.equals("approve") || c.equals("reject")).toList();
            case "trust" -> choices.stream().filter(c -> c.equals("yes") || c.equals("no"))
                    .map(c -> c.equals("yes") ? "trust" : "refuse").toList();
            default -> choices.stream().filter(c -> c.equals("retry") || c.equals("skip") || c.equals("abort")).toList();
        };
        asking = new Prompt(newId(), kind, gate.taskId(), question, actions);
        PromptFile file = new PromptFile(asking.promptId(), kind, gate.taskId(), question, actions, ProcessHandle.current().pid());
        try {
            read = Files.exists(answers()) ? Files.size(answers()) : 0;
            AtomicFile.writeString(dir.path().resolve(PROMPT), Json.write(file) + "\n");
        } catch (IOException e) {
            asking = null; // nobody elsewhere can answer; the keyboard still can
        }
    }

    @Override
    public synchronized Optional<Terminal.Answer> answer() {
        if (asking == null) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = newLines();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            Optional<Given> given = parse(line);
            if (given.isEmpty() || !given.get().promptId().equals(asking.promptId())
                    || !asking.actions().contains(given.get().action())) {
                continue;
            }
            Given g = given.get();
            appendLine(dir, new TakenLine(g.requestId(), g.promptId()));
            return Optional.of(new Terminal.Answer(asking.choice(g.action()), g.source(), g.approver(), g.comment(), from(g.source())));
        }
        return Optional.empty();
    }

    @Override
    public synchronized void asked() {
        asking = null;
        try {
            Files.deleteIfExists(dir.path().resolve(PROMPT));
        } catch (IOException e) {
            // a stale prompt.json is harmless: answers must name a prompt this process still asks
        }
    }

    private static String from(ApprovalSource source) {
        return switch (source) {
            case WEB -> "in the dashboard";
            case MCP_ELICITATION -> "in your MCP client";
            default -> "by another orchestrator (resume)";
        };
    }

    /** The complete lines appended since the question was asked. */
    private List<String> newLines() throws IOException {
        List<String> lines = new ArrayList<>();
        Path file = answers();
        if (!Files.exists(file) || Files.size(file) <= read) {
            return lines;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.min(in.length() - read, 1 << 20)];
            in.seek(read);
            in.readFully(bytes);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            read += start; // a line still being written is read next time
        }
        return lines;
    }

    private static Optional<Given> parse(String line) {
        try {
            AnswerLine given = Json.convert(Json.parse(line), AnswerLine.class);
            Optional<ApprovalSource> source = ApprovalSource.find(given.source() == null ? "" : given.source());
            if (given.promptId() == null || given.action() == null || source.isEmpty() || !ELSEWHERE.contains(source.get())) {
                return Optional.empty();
            }
            return Optional.of(new Given(given.requestId() == null ? "" : given.requestId(), given.promptId(), given.action(),
                    source.get(), given.approver() == null ? "unknown" : given.approver(),
                    given.comment() != null && !given.comment().isBlank() ? given.comment() : null));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // not an answer
        }
    }

    private Path answers() {
        return dir.path().resolve(ANSWERS);
    }

    // ---- the dashboard and other processes ----

    /** What the orchestrator holding the run asks at its terminal now, if it asks anything. */
    public static Optional<Prompt> waiting(RunDirectory dir) {
        Path file = dir.path().resolve(PROMPT);
        if (!Files.exists(file) || !EventLog.writerActive(dir)) {
            return Optional.empty(); // a prompt.json without a writer is left over from a process that died asking
        }
        try {
            PromptFile asked = Json.convert(Json.parse(Files.readString(file, StandardCharsets.UTF_8)), PromptFile.class);
            return Optional.of(new Prompt(asked.promptId(), asked.gate(), asked.taskId(),
                    asked.question() == null ? "" : asked.question(), asked.actions() == null ? List.of() : List.copyOf(asked.actions())));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // answered meanwhile
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Gives {@code action} as the answer to {@code prompt}; returns the request's id (see {@link #taken}).
     *
     * @throws IllegalArgumentException when the prompt does not take that action
     */
    public static String answer(RunDirectory dir, Prompt prompt, String action, ApprovalSource source, String approver,
                                String comment) {
        if (!prompt.actions().contains(action)) {
            throw new IllegalArgumentException("The question at the terminal (" + prompt.question() + ") does not take "
                    + action + "; it takes " + String.join(", ", prompt.actions()) + ".");
        }
        if (!ELSEWHERE.contains(source)) {
            throw new IllegalArgumentException("An answer from elsewhere has source web, cli_flag or mcp_elicitation, not " + source.wire());
        }
        String id = newId();
        appendLine(dir, new AnswerLine(id, prompt.promptId(), action, source.wire(), approver,
                comment != null && !comment.isBlank() ? comment : null, EventLog.formatTime(java.time.Instant.now())));
        return id;
    }

    /** Whether the waiting orchestrator took the answer {@code requestId}. */
    public static boolean taken(RunDirectory dir, String requestId) {
        try {
            for (String line : Files.readAllLines(dir.path().resolve(ANSWERS), StandardCharsets.UTF_8)) {
                if (line.contains(requestId) && requestId.equals(takenBy(line))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The answer a taken line names; null for any other line. */
    private static String takenBy(String line) {
        try {
            return Json.convert(Json.parse(line), TakenLine.class).taken();
        } catch (IOException | IllegalArgumentException e) {
            return null; // a torn or foreign line
        }
    }

    /** One line, appended in one write (O_APPEND: lines from several processes do not interleave). */
    private static void appendLine(RunDirectory dir, Record record) {
        byte[] line = (Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
        if (line.length > MAX_LINE) {
            throw new IllegalArgumentException("The answer is too long (at most " + MAX_LINE + " bytes).");
        }
        try {
            Files.write(dir.path().resolve(ANSWERS), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + dir.path().resolve(ANSWERS) + ": " + e.getMessage(), e);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
