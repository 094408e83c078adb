package dev.harness.bootstrap;

import dev.harness.api.plan.TaskPacket;
import dev.harness.protocol.DomainError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.bootstrap.workspace.ReadBoundary;
import dev.harness.bootstrap.workspace.Repositories;
import dev.harness.bootstrap.workspace.WorkspaceSecrets;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code context} of a request, resolved: the canonical workspace (symlinks resolved, so two
 * spellings of one directory share their records), its run directory, the phases' options, where
 * the phases may read ({@link ReadBoundary}) and the redactor everything they report goes through.
 */
public record BootstrapContext(
        Path workspace,
        Path runDir,
        Optional<List<String>> instructionFiles,
        Optional<String> agent,
        Optional<TaskPacket> task,
        List<String> writePaths,
        Duration mcpTimeout,
        Duration probeTimeout,
        boolean probeMcpServers,
        ObjectNode raw,
        ReadBoundary boundary,
        Redactor redactor) {

    public static final Duration DEFAULT_MCP_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_RUN_DIR = ".harness/bootstrap";

    /**
     * @param context the request's context (may be null: then the service's working directory is the workspace)
     * @param serviceDir what a relative or missing cwd is resolved against
     * @param secrets the redactor of a workspace
     * @param userConfigDir the user's harness config directory (readable besides the workspace)
     * @throws RpcException invalid params (-32602) for a path that no file system path can be (NUL, a lone surrogate)
     */
    public static BootstrapContext resolve(JsonNode context, Path serviceDir, WorkspaceSecrets secrets, Path userConfigDir) {
        ObjectNode raw = context instanceof ObjectNode object ? object.deepCopy() : Json.object();
        checkPaths(raw);
        dev.harness.api.bootstrap.BootstrapContext given;
        try {
            given = Json.convert(raw, dev.harness.api.bootstrap.BootstrapContext.class);
        } catch (IllegalArgumentException e) {
            // the dispatcher validated the context against the schema; this guards a contract that drifts from the record
            throw RpcException.invalidParams("/context", e.getMessage());
        }
        String cwdText = given.cwd() == null ? "" : given.cwd();
        Path requested = cwdText.isEmpty() ? serviceDir : path(serviceDir, cwdText, "/context/cwd");
        if (!Files.isDirectory(requested)) {
            JsonNode data = Json.toNode(new BootstrapErrorData.WorkspaceMissing(
                    cwdText.isEmpty() ? serviceDir.toString() : cwdText, Files.exists(requested)));
            String why = Files.exists(requested) ? "is not a directory" : "does not exist";
            throw new DomainError("workspace_not_found",
                    "Workspace " + requested + " " + why + "; pass an existing directory as context.cwd.", data);
        }
        Path workspace;
        try {
            workspace = requested.toRealPath();
        } catch (IOException e) {
            throw new DomainError("workspace_not_found",
                    "Workspace " + requested + " cannot be resolved (" + e.getMessage() + ").", Json.toNode(new BootstrapErrorData.WorkspaceMissing(cwdText, null)));
        }
        String runDirText = given.runDir() == null ? "" : given.runDir();
        Path runDir = path(workspace, runDirText.isEmpty() ? DEFAULT_RUN_DIR : runDirText, "/context/run_dir").normalize();

        return new BootstrapContext(workspace, runDir, Optional.ofNullable(given.instructionFiles()),
                Optional.ofNullable(given.agent()).filter(a -> !a.isBlank()), Optional.ofNullable(given.taskPacket()),
                given.writePaths() == null ? List.of() : given.writePaths(),
                millis(given.mcpTimeoutMs(), DEFAULT_MCP_TIMEOUT),
                millis(given.probeTimeoutMs(), DEFAULT_PROBE_TIMEOUT),
                // false from a client that has not resolved trust yet: the workspace's own commands wait for the gate
                !Boolean.FALSE.equals(given.probeMcpServers()),
                raw,
                ReadBoundary.of(Repositories.root(workspace), userConfigDir),
                secrets.forWorkspace(workspace));
    }

    /**
     * Every path the context carries must be one a file system can name: a NUL byte or a lone
     * surrogate (which no encoding can write) is the client's mistake, answered as invalid params.
     */
    private static void checkPaths(ObjectNode raw) {
        checkPath(raw.get("cwd"), "/context/cwd");
        checkPath(raw.get("run_dir"), "/context/run_dir");
        for (String list : List.of("instruction_files", "write_paths")) {
            JsonNode items = raw.get(list);
            if (items != null && items.isArray()) {
                for (int i = 0; i < items.size(); i++) {
                    checkPath(items.get(i), "/context/" + list + "/" + i);
                }
            }
        }
        JsonNode packet = raw.get("task_packet");
        if (packet != null) {
            checkPath(packet.get("scope_path"), "/context/task_packet/scope_path");
        }
    }

    private static void checkPath(JsonNode node, String pointer) {
        if (node == null || !node.isTextual()) {
            return;
        }
        String text = node.asText();
        if (text.indexOf('\0') >= 0) {
            throw RpcException.invalidParams(pointer, "contains a NUL character, which no file name can hold");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw RpcException.invalidParams(pointer, "contains a lone surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + " at index " + i + "), which cannot be encoded as a file name");
            }
        }
    }

    /** {@code base.resolve(text)}, or invalid params when this platform cannot represent the path. */
    static Path path(Path base, String text, String pointer) {
        try {
            return base.resolve(text);
        } catch (InvalidPathException e) {
            throw RpcException.invalidParams(pointer, "is not a path this system can represent (" + e.getReason() + ")");
        }
    }

    private static Duration millis(Integer ms, Duration fallback) {
        return ms != null && ms > 0 ? Duration.ofMillis(ms) : fallback;
    }

    /** The task packet's scope_path, when the packet names one. */
    public Optional<String> scopePath() {
        return task().map(TaskPacket::scopePath).filter(s -> !s.isBlank());
    }

    /** The context fields listed, for a phase's input digest (absent fields stay absent). */
    public ObjectNode fields(String... names) {
        ObjectNode out = Json.object();
        out.put("workspace", workspace.toString());
        for (String name : names) {
            if (raw.has(name)) {
                out.set(name, raw.get(name));
            }
        }
        return out;
    }
}
