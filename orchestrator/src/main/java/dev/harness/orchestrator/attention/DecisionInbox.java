package dev.harness.orchestrator.attention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode node = Json.object();
        node.put("prompt_id", asking.promptId());
        node.put("gate", kind);
        node.put("task_id", gate.taskId());
        node.put("question", question);
        node.set("actions", Json.toNode(actions));
        node.put("pid", ProcessHandle.current().pid());
        try {
            read = Files.exists(answers()) ? Files.size(answers()) : 0;
            AtomicFile.writeString(dir.path().resolve(PROMPT), Json.write(node) + "\n");
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
            appendLine(dir, Json.object().put("taken", g.requestId()).put("prompt_id", g.promptId()));
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
            JsonNode node = Json.parse(line);
            Optional<ApprovalSource> source = ApprovalSource.find(node.path("source").asText(""));
            if (!node.hasNonNull("prompt_id") || !node.hasNonNull("action") || source.isEmpty()
                    || !ELSEWHERE.contains(source.get())) {
                return Optional.empty();
            }
            return Optional.of(new Given(node.path("request_id").asText(""), node.get("prompt_id").asText(),
                    node.get("action").asText(), source.get(), node.path("approver").asText("unknown"),
                    node.hasNonNull("comment") && !node.get("comment").asText().isBlank() ? node.get("comment").asText() : null));
        } catch (IOException e) {
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
            JsonNode node = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            List<String> actions = new ArrayList<>();
            node.path("actions").forEach(a -> actions.add(a.asText()));
            return Optional.of(new Prompt(node.path("prompt_id").asText(), node.path("gate").asText(),
                    node.hasNonNull("task_id") ? node.get("task_id").asText() : null, node.path("question").asText(""),
                    List.copyOf(actions)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // answered meanwhile
        } catch (IOException e) {
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
        ObjectNode node = Json.object();
        node.put("request_id", id);
        node.put("prompt_id", prompt.promptId());
        node.put("action", action);
        node.put("source", source.wire());
        node.put("approver", approver);
        if (comment != null && !comment.isBlank()) {
            node.put("comment", comment);
        }
        node.put("time", EventLog.formatTime(java.time.Instant.now()));
        appendLine(dir, node);
        return id;
    }

    /** Whether the waiting orchestrator took the answer {@code requestId}. */
    public static boolean taken(RunDirectory dir, String requestId) {
        try {
            for (String line : Files.readAllLines(dir.path().resolve(ANSWERS), StandardCharsets.UTF_8)) {
                if (line.contains(requestId) && Json.parse(line).path("taken").asText("").equals(requestId)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** One line, appended in one write (O_APPEND: lines from several processes do not interleave). */
    private static void appendLine(RunDirectory dir, ObjectNode node) {
        byte[] line = (Json.write(node) + "\n").getBytes(StandardCharsets.UTF_8);
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
