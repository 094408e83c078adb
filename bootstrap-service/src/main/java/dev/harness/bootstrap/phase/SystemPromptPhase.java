package dev.harness.bootstrap.phase;


import dev.harness.bootstrap.BootstrapContext;
import dev.harness.bootstrap.InputFiles;
import dev.harness.api.bootstrap.Phase;
import dev.harness.bootstrap.PhaseOutcome;
import dev.harness.bootstrap.PhaseRecord;
import dev.harness.bootstrap.PhaseStep;
import dev.harness.bootstrap.mcp.McpConfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.bootstrap.workspace.ReadBoundary;
import dev.harness.protocol.Json;
import dev.harness.protocol.fs.AtomicFile;
import dev.harness.protocol.workspace.InstructionFiles;
import dev.harness.protocol.json.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * system_prompt_fastpath: finds the instruction files that apply to the workspace (from the
 * repository root down to the workspace, so the more specific ones come last), assembles the
 * system prompt from them and the task packet, and writes it to the run directory.
 */
public final class SystemPromptPhase implements PhaseStep {
    /**
     * Looked for in every directory from the repository root down to the workspace, in this order:
     * the suite's instruction files, then agent settings (listed and digested, never spliced in).
     */
    public static final List<String> CANDIDATES = candidates();
    static final String PROMPT_FILE = "system-prompt.md";
    static final int INLINE_LIMIT = 4 * 1024;
    static final int MAX_FILE_BYTES = 256 * 1024;

    private record Found(Path path, String source) {}

    /**
     * system_prompt_fastpath's artifacts.
     *
     * @param files the instruction files that apply, general first, specific last
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Artifacts(List<InstructionFile> files, Prompt prompt, String repositoryRoot, String workspace)
            implements dev.harness.bootstrap.Artifacts {
        public Artifacts {
            files = List.copyOf(files);
        }
    }

    /**
     * One instruction file; size, digest and kind are absent for a file that could not be read.
     *
     * @param path      relative to the repository root
     * @param source    {@code discovered} or {@code context.instruction_files}
     * @param kind      {@code instructions} (spliced into the prompt) or {@code settings} (listed and digested only)
     * @param truncated true when only the first {@value #MAX_FILE_BYTES} bytes were used; absent otherwise
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstructionFile(String path, String absolutePath, String source, Long sizeBytes, String sha256,
                                  String kind, boolean included, Boolean truncated) {}

    /** The assembled prompt file; {@code text} inline when shorter than {@value #INLINE_LIMIT} bytes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Prompt(String path, long sizeBytes, String sha256, boolean inline, String text) {}

    @Override
    public Phase phase() {
        return Phase.SYSTEM_PROMPT_FASTPATH;
    }

    @Override
    public ObjectNode inputs(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        ObjectNode inputs = context.fields("run_dir", "instruction_files", "task_packet");
        inputs.put("repository_root", repositoryRoot(context, earlier).toString());
        return inputs;
    }

    static Path repositoryRoot(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        String root = EarlierPhases.repositoryRoot(earlier).orElse("");
        Path path = root.isEmpty() ? context.workspace() : Path.of(root);
        return context.workspace().startsWith(path) ? path : context.workspace();
    }

    @Override
    public PhaseOutcome run(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        PhaseOutcome outcome = new PhaseOutcome();
        Path root = repositoryRoot(context, earlier);
        List<Found> files = context.instructionFiles().isPresent()
                ? overrides(context, root, context.instructionFiles().get(), outcome)
                : discover(context, root, outcome);

        StringBuilder prompt = new StringBuilder();
        List<InstructionFile> reported = new ArrayList<>();
        for (Found found : files) {
            String display = displayPath(root, found.path());
            String absolute = found.path().toString();
            byte[] bytes;
            try {
                bytes = outcome.inputs().readInside(found.path(), context.boundary());
            } catch (IOException e) {
                reported.add(new InstructionFile(display, absolute, found.source(), null, null, null, false, null));
                outcome.warn("instruction file " + found.path() + " cannot be read: " + e.getMessage());
                continue;
            }
            if (found.path().getFileName().toString().endsWith(".json")) {
                // Agent settings, not prose: it is listed and digested, and its MCP servers are
                // mcp_fastpath's business; splicing it (env values included) into a prompt would leak.
                reported.add(new InstructionFile(display, absolute, found.source(), (long) bytes.length, Digest.of(bytes),
                        "settings", false, null));
                checkJson(found.path(), bytes, outcome);
                continue;
            }
            boolean truncated = bytes.length > MAX_FILE_BYTES;
            reported.add(new InstructionFile(display, absolute, found.source(), (long) bytes.length, Digest.of(bytes),
                    "instructions", true, truncated ? true : null));
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_FILE_BYTES), StandardCharsets.UTF_8);
            if (truncated) {
                outcome.warn("instruction file " + found.path() + " is " + bytes.length + " bytes; only the first "
                        + MAX_FILE_BYTES + " are used");
            }
            appendSection(prompt, display, text);
        }
        if (context.task().isPresent()) {
            appendSection(prompt, "Task", TaskPacketText.render(context.task().get()));
        }
        if (files.isEmpty()) {
            outcome.warn("no instruction files apply to " + context.workspace() + " (looked for "
                    + String.join(", ", CANDIDATES) + " from " + root + " down)");
        }
        // The prompt file is read by the worker and shown to agents: it carries no secret the files or packet held.
        Prompt written = writePrompt(context.runDir(), context.redactor().redact(prompt.toString()), outcome);
        outcome.report(new Artifacts(reported, written, root.toString(), context.workspace().toString()));
        return outcome;
    }

    private static void appendSection(StringBuilder prompt, String title, String body) {
        if (!prompt.isEmpty()) {
            prompt.append("\n");
        }
        prompt.append("## ").append(title).append("\n\n").append(body.strip()).append("\n");
    }

    private static List<String> candidates() {
        List<String> names = new ArrayList<>(InstructionFiles.NAMES);
        names.add(".claude.json");
        return List.copyOf(names);
    }

    private static List<Found> discover(BootstrapContext context, Path root, PhaseOutcome outcome) {
        List<Path> chain = new ArrayList<>();
        for (Path dir = context.workspace(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            chain.add(0, dir);
        }
        List<Found> found = new ArrayList<>();
        for (Path dir : chain) {
            for (String name : CANDIDATES) {
                Path candidate = dir.resolve(name);
                // creating, changing or relinking it later must count as a change of inputs (a link's target is not read)
                if (!Files.isRegularFile(candidate)) {
                    outcome.inputs().probe(candidate);
                } else if (context.boundary().check(candidate) instanceof ReadBoundary.Outside outside) {
                    outcome.inputs().probe(candidate);
                    outcome.warn("refused instruction file " + root.relativize(candidate) + ": it links to " + outside.real()
                            + ", outside " + root);
                } else {
                    found.add(new Found(candidate, "discovered"));
                }
            }
        }
        return found;
    }

    /** context.instruction_files: relative to the workspace; nothing outside the repository (or workspace) is read. */
    private static List<Found> overrides(BootstrapContext context, Path root, List<String> names, PhaseOutcome outcome) {
        List<Found> found = new ArrayList<>();
        for (String name : names) {
            Path path = context.workspace().resolve(name).normalize();
            if (!path.startsWith(root)) {
                outcome.warn("refused instruction file " + name + ": it is outside " + root);
                continue;
            }
            if (!Files.isRegularFile(path)) {
                outcome.inputs().probe(path);
                outcome.warn("instruction file " + name + " was not found at " + path);
                continue;
            }
            ReadBoundary.Checked checked = context.boundary().check(path);
            if (checked instanceof ReadBoundary.Outside outside) {
                outcome.inputs().probe(path);
                outcome.warn("refused instruction file " + name + ": it links to " + outside.real() + ", outside " + root);
                continue;
            }
            if (checked instanceof ReadBoundary.Missing missing) {
                outcome.warn("instruction file " + name + " cannot be resolved: " + missing.reason());
                continue;
            }
            if (found.stream().noneMatch(f -> f.path().equals(path))) {
                found.add(new Found(path, "context.instruction_files"));
            }
        }
        return found;
    }

    private static void checkJson(Path path, byte[] bytes, PhaseOutcome outcome) {
        try {
            JsonNode ignored = Json.parse(new String(bytes, StandardCharsets.UTF_8));
            if (!ignored.isObject()) {
                outcome.warn(path + " is not a JSON object");
            }
        } catch (IOException e) {
            outcome.warn(path + " is not valid JSON: " + McpConfig.oneLine(e.getMessage()));
        }
    }

    private static Prompt writePrompt(Path runDir, String text, PhaseOutcome outcome) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path target = runDir.resolve(PROMPT_FILE);
        boolean inline = bytes.length < INLINE_LIMIT;
        try {
            AtomicFile.write(target, bytes);
        } catch (IOException e) {
            outcome.fail("the system prompt cannot be written to " + target + ": " + e.getMessage());
        }
        return new Prompt(target.toString(), bytes.length, Digest.of(bytes), inline, inline ? text : null);
    }

    static String displayPath(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }
}
