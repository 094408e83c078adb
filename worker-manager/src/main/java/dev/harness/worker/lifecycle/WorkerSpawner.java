package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.rpc.WorkerMethods;
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
import java.util.ArrayList;
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

    public WorkerMethods.SpawnResult spawn(JsonNode params, EventSink sink) {
        ObjectNode packet = (ObjectNode) params.get("task_packet").deepCopy();
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
        Path workspace = workspace(params.hasNonNull("workspace") ? params.get("workspace").asText() : null);
        String scopePath = scopePath(packet, workspace);
        String agentSpec = params.hasNonNull("agent") ? params.get("agent").asText() : defaultAgent;
        try {
            AgentCommand.parse(agentSpec);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("/agent", e.getMessage());
        }
        String taskId = params.hasNonNull("task_id") ? params.get("task_id").asText()
                : packet.hasNonNull("id") ? packet.get("id").asText() : null;
        String planId = params.hasNonNull("plan_id") ? params.get("plan_id").asText() : null;
        List<String> baseRefs = new ArrayList<>();
        for (JsonNode ref : params.path("base_refs")) {
            // handed to git as arguments: a ref must not look like an option or carry odd characters
            if (!GIT_REF.matcher(ref.asText()).matches()) {
                throw RpcException.invalidParams("/base_refs", "'" + ref.asText() + "' is not a branch name or commit");
            }
            baseRefs.add(ref.asText());
        }
        String systemPrompt = params.hasNonNull("system_prompt") ? systemPrompt(params.get("system_prompt").asText()) : null;
        dev.harness.api.worker.Budget budget = budget(params, "budget");
        dev.harness.api.worker.Budget runBudget = budget(params, "run_budget");
        WorkerRecord w;
        synchronized (workers) {
            w = new WorkerRecord(workers.newId(), taskId, planId, packet, workspace, scopePath,
                    Files.exists(workspace.resolve(scopePath)), agentSpec, Instant.now());
            w.baseRefs = List.copyOf(baseRefs);
            w.systemPrompt = systemPrompt;
            w.budget = budget;
            w.runBudget = runBudget;
            w.usedBefore = runBudget.isNone() ? dev.harness.api.worker.UsageTotal.NONE : workers.used();
            WorkerCheckout.remember(w, params);
            workers.add(w);
        }
        synchronized (w) {
            workers.emit(w, WorkerEventKind.SPAWNING, new WorkerEventPayload.Spawning(workspace.toString(), scopePath,
                    AgentCommand.parse(agentSpec).describe(), w.packetDigest(), planId), sink);
            return new WorkerMethods.SpawnResult(w.id, w.state);
        }
    }

    private static dev.harness.api.worker.Budget budget(JsonNode params, String name) {
        try {
            return params.hasNonNull(name) ? Json.convert(params.get(name), dev.harness.api.worker.Budget.class)
                    : dev.harness.api.worker.Budget.NONE;
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("/" + name, e.getMessage());
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
            ObjectNode data = Json.object();
            data.put("workspace", path.toString());
            throw new DomainError("workspace_not_found", "The workspace " + path + " does not exist or is not a directory.", data);
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            ObjectNode data = Json.object();
            data.put("workspace", path.toString());
            throw new DomainError("workspace_not_found", "The workspace " + path + " cannot be resolved: " + e.getMessage() + ".", data);
        }
    }

    /** The scope path relative to the workspace ("" for the whole workspace); refused when it escapes. */
    private static String scopePath(JsonNode packet, Path workspace) {
        String given = packet.hasNonNull("scope_path") ? packet.get("scope_path").asText().strip() : "";
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
            ObjectNode data = Json.object();
            data.put("scope_path", given);
            data.put("workspace", workspace.toString());
            data.put("resolved", resolved.toString());
            throw new DomainError("scope_outside_workspace", "The scope_path '" + given + "' resolves to " + resolved
                    + ", outside the workspace " + workspace + ".", data);
        }
        return workspace.relativize(resolved).toString();
    }
}
