package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.rpc.WorkerErrorData;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.UsageTotal;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.DomainError;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import dev.harness.worker.attempt.AgentCommand;
import dev.harness.worker.attempt.ScopeResolution;
import dev.harness.worker.checkout.WorkerCheckout;
import dev.harness.worker.events.EventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * spawn_worker: checks where the task would work (the workspace exists; the scope path stays
 * inside it, after resolving symlinks) and which agent it names, then records a new worker in
 * state spawning. Nothing runs yet.
 */
public final class WorkerSpawner {
    private static final java.util.regex.Pattern GIT_REF = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");

    private final WorkerRegistry workers;
    private final String defaultAgent;
    private final Path serviceDirectory;

    public WorkerSpawner(WorkerRegistry workers, String defaultAgent, Path serviceDirectory) {
        this.workers = workers;
        this.defaultAgent = defaultAgent;
        this.serviceDirectory = serviceDirectory;
    }

    public WorkerMethods.SpawnResult spawn(WorkerMethods.SpawnParams params, EventSink sink) {
        ObjectNode packet = params.taskPacket().deepCopy();
        TaskPacket task;
        try {
            task = Json.convert(packet, TaskPacket.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw RpcException.invalidParams("/task_packet", cause.getMessage());
        }
        if (task.objective().isBlank()) {
            throw RpcException.invalidParams("/task_packet/objective", "the objective must say what to do, not be blank");
        }
        Path workspace = workspace(params.workspace());
        String scopePath = scopePath(task.scopePath(), workspace);
        String agentSpec = params.agent() != null ? params.agent() : defaultAgent;
        try {
            AgentCommand.parse(agentSpec);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("/agent", e.getMessage());
        }
        String taskId = params.taskId() != null ? params.taskId() : task.id();
        List<String> baseRefs = params.baseRefs() == null ? List.of() : params.baseRefs();
        for (String ref : baseRefs) {
            // handed to git as arguments: a ref must not look like an option or carry odd characters
            if (!GIT_REF.matcher(ref).matches()) {
                throw RpcException.invalidParams("/base_refs", "'" + ref + "' is not a branch name or commit");
            }
        }
        String systemPrompt = params.systemPrompt() != null ? systemPrompt(params.systemPrompt()) : null;
        Budget budget = params.budget() == null ? Budget.NONE : params.budget();
        Budget runBudget = params.runBudget() == null ? Budget.NONE : params.runBudget();
        WorkerRecord w;
        synchronized (workers) {
            w = new WorkerRecord(workers.newId(), taskId, params.planId(), packet, workspace, scopePath,
                    Files.exists(workspace.resolve(scopePath)), agentSpec, Instant.now());
            w.baseRefs = baseRefs;
            w.systemPrompt = systemPrompt;
            w.budget = budget;
            w.runBudget = runBudget;
            w.usedBefore = runBudget.isNone() ? UsageTotal.NONE : workers.used();
            WorkerCheckout.remember(w, params);
            workers.add(w);
        }
        synchronized (w) {
            workers.emit(w, WorkerEventKind.SPAWNING, new WorkerEventPayload.Spawning(workspace.toString(), scopePath,
                    AgentCommand.parse(agentSpec).describe(), w.packetDigest(), params.planId()), sink);
            return new WorkerMethods.SpawnResult(w.id, w.state);
        }
    }

    /**
     * A path the filesystem can be asked about: no NUL, and encodable in the platform's file name
     * encoding (an unpaired surrogate would otherwise silently become '?' and name another file).
     */
    private static void requireEncodable(String text, String pointer) {
        java.nio.charset.Charset encoding;
        try {
            encoding = java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            encoding = java.nio.charset.StandardCharsets.UTF_8;
        }
        if (text.indexOf('\0') >= 0 || !encoding.newEncoder().canEncode(text)) {
            throw RpcException.invalidParams(pointer, "not a path the file system can name (a NUL byte, or a character "
                    + encoding + " cannot encode)");
        }
    }

    /** The bootstrap's system prompt: an absolute path to a readable file (read again at each attempt). */
    private static String systemPrompt(String given) {
        requireEncodable(given, "/system_prompt");
        Path path;
        try {
            path = Path.of(given);
        } catch (InvalidPathException e) {
            throw RpcException.invalidParams("/system_prompt", "not a usable path: " + e.getMessage());
        }
        if (!path.isAbsolute() || !Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw RpcException.invalidParams("/system_prompt", "'" + given + "' is not an absolute path to a readable file");
        }
        return path.normalize().toString();
    }

    private Path workspace(String given) {
        if (given != null) {
            requireEncodable(given, "/workspace");
        }
        Path path;
        try {
            path = given == null ? serviceDirectory : serviceDirectory.resolve(given);
        } catch (InvalidPathException e) {
            throw RpcException.invalidParams("/workspace", "not a usable path: " + e.getMessage());
        }
        if (!Files.isDirectory(path)) {
            throw new DomainError("workspace_not_found", "The workspace " + path + " does not exist or is not a directory.",
                    Json.toNode(new WorkerErrorData.WorkspaceMissing(path.toString())));
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new DomainError("workspace_not_found", "The workspace " + path + " cannot be resolved: " + e.getMessage() + ".",
                    Json.toNode(new WorkerErrorData.WorkspaceMissing(path.toString())));
        }
    }

    /** The scope path relative to the workspace ("" for the whole workspace); refused when it escapes. */
    private static String scopePath(String scopePath, Path workspace) {
        String given = scopePath == null ? "" : scopePath.strip();
        if (given.isEmpty() || given.equals(".")) {
            return "";
        }
        requireEncodable(given, "/task_packet/scope_path");
        Path candidate;
        try {
            Path raw = Path.of(given);
            candidate = (raw.isAbsolute() ? raw : workspace.resolve(raw)).normalize();
        } catch (InvalidPathException e) {
            throw RpcException.invalidParams("/task_packet/scope_path", "not a usable path: " + e.getMessage());
        }
        // Lexically inside first (catches ../), then with every link resolved, dangling ones
        // included (catches a link out, also one to a file that does not exist yet).
        Optional<ScopeResolution.Resolved> resolution;
        try {
            resolution = candidate.startsWith(workspace)
                    ? ScopeResolution.resolve(workspace, workspace.relativize(candidate).toString()) : Optional.empty();
        } catch (IOException e) {
            resolution = Optional.empty();
        }
        Path resolved = resolution.map(ScopeResolution.Resolved::real).orElse(candidate);
        if (resolution.isEmpty() || !resolution.get().inside()) {
            throw new DomainError("scope_outside_workspace", "The scope_path '" + given + "' resolves to " + resolved
                    + ", outside the workspace " + workspace + ".",
                    Json.toNode(new WorkerErrorData.ScopeOutside(given, workspace.toString(), resolved.toString())));
        }
        return workspace.relativize(resolved).toString();
    }
}
