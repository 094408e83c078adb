package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.orchestrator.service.ServiceCommand;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lets a person edit the plan's packets in their editor: the packets go to a temporary JSON file,
 * $VISUAL or $EDITOR (split into words, run without a shell, on the terminal) edits it, and the
 * result is read back. Validation is the caller's job.
 */
final class PlanEditor {
    /** Opens the file in an editor and returns its exit code (a real process; tests edit in-process). */
    interface Launch {
        int edit(List<String> editorCommand, Path file) throws IOException, InterruptedException;
    }

    private final Map<String, String> env;
    private final Launch launch;

    PlanEditor(Map<String, String> env) {
        this(env, (command, file) -> {
            List<String> argv = new ArrayList<>(command);
            argv.add(file.toString());
            return new ProcessBuilder(argv).inheritIO().start().waitFor();
        });
    }

    PlanEditor(Map<String, String> env, Launch launch) {
        this.env = env;
        this.launch = launch;
    }

    /** The edited packets, with no further check (see {@link #edit(ArrayNode, Function)}). */
    ArrayNode edit(ArrayNode packets) throws IOException, InterruptedException {
        return edit(packets, edited -> List.of());
    }

    /**
     * The edited packets. As {@code git commit} and {@code kubectl edit} do, an edit that is not valid
     * JSON, not an array, or has {@code problems} reopens the editor on the person's own text with
     * the errors at the top (as // comment lines); saving an empty file, or the editor failing,
     * leaves the plan unchanged (IllegalArgumentException with a message a person can act on).
     */
    ArrayNode edit(ArrayNode packets, Function<ArrayNode, List<String>> problems) throws IOException, InterruptedException {
        String editor = env.getOrDefault("VISUAL", env.getOrDefault("EDITOR", "vi"));
        if (editor.isBlank()) {
            editor = "vi";
        }
        Path file = Files.createTempFile("harness-plan-", ".json");
        try {
            String text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(packets) + "\n";
            List<String> errors = List.of();
            while (true) {
                Files.writeString(file, header(errors) + text, StandardCharsets.UTF_8);
                int exit;
                try {
                    exit = launch.edit(ServiceCommand.split(editor), file);
                } catch (IOException e) {
                    throw new IllegalArgumentException("Could not start the editor '" + editor + "': " + e.getMessage()
                            + " (set EDITOR).");
                }
                if (exit != 0) {
                    throw new IllegalArgumentException("The editor exited with code " + exit + "; the plan was left unchanged.");
                }
                text = withoutHeader(Files.readString(file, StandardCharsets.UTF_8));
                if (text.isBlank()) {
                    throw new IllegalArgumentException("The edited plan was emptied; the plan was left unchanged.");
                }
                JsonNode edited;
                try {
                    edited = COMMENTED.readTree(text);
                } catch (JsonProcessingException e) {
                    errors = List.of("not valid JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
                    continue;
                }
                if (edited == null || !edited.isArray()) {
                    errors = List.of("the plan must be a JSON array of task packets");
                    continue;
                }
                errors = problems.apply((ArrayNode) edited);
                if (errors.isEmpty()) {
                    return (ArrayNode) edited;
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static final String MARK = "// ";
    /** The person's text may keep // lines; the header is read past, like git's # lines. */
    private static final com.fasterxml.jackson.databind.ObjectMapper COMMENTED = Json.MAPPER.copy()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_COMMENTS);

    static String header(List<String> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(MARK + "The edited plan was not accepted:\n");
        for (String error : errors) {
            out.append(MARK).append("  ").append(error.replace("\n", " ")).append('\n');
        }
        return out.append(MARK).append("Fix it below and save; save an empty file to leave the plan unchanged.\n").toString();
    }

    static String withoutHeader(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        while (!lines.isEmpty() && lines.get(0).startsWith(MARK)) {
            lines.remove(0);
        }
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }
}
