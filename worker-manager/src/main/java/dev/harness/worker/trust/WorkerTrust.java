package dev.harness.worker.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.DomainError;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.Digest;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.lifecycle.Transitions;
import dev.harness.worker.lifecycle.WorkerClock;
import dev.harness.worker.lifecycle.WorkerRecord;
import dev.harness.worker.lifecycle.WorkerRegistry;
import dev.harness.worker.recovery.Failure;
import java.time.Instant;

/**
 * The trust gate of every worker: the policy decides first (a denied root wins, a trusted root
 * passes without asking); everything else waits in trust_required for an explicit, recorded
 * approval of exactly this packet (its sha256).
 */
public final class WorkerTrust {
    static final String AUTO = "auto_allowlist";
    static final String DEFAULT_SOURCE = "human_approval";

    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final TrustPolicy policy;
    private final WorkerRegistry workers;
    /** Each run's grant_trust, by run id (also on disk, for a manager restarted mid-run). */
    private final java.util.Map<String, ObjectNode> grants = new java.util.HashMap<>();
    private final String defaultApprover;

    public WorkerTrust(TrustPolicy policy, WorkerRegistry workers, String defaultApprover) {
        this.policy = policy;
        this.workers = workers;
        this.defaultApprover = defaultApprover;
    }

    public String defaultApprover() {
        return defaultApprover;
    }

    TrustPolicy policy() {
        return policy;
    }

    /**
     * grant_trust: the policy's verdict on a run's workspace and, with an approval source, the run's
     * one grant: exactly these packet digests, in this workspace, approved by whom, how and when.
     * A denied root wins over any approval.
     */
    public ObjectNode grant(String runId, String workspace, java.util.List<String> digests, String source, String approver,
                     String comment) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw dev.harness.protocol.RpcException.invalidParams("/run_id", "a run id (letters, digits, . _ -) is required");
        }
        java.nio.file.Path root;
        try {
            root = java.nio.file.Path.of(workspace).toRealPath();
        } catch (java.io.IOException | RuntimeException e) {
            ObjectNode data = Json.object();
            data.put("workspace", String.valueOf(workspace));
            throw new DomainError("workspace_not_found", "The workspace " + workspace + " does not exist or is not a directory.", data);
        }
        TrustPolicy.Verdict verdict = policy.evaluate(root);
        ObjectNode result = Json.object();
        if (verdict.kind() == TrustPolicy.Verdict.Kind.DENIED) {
            ObjectNode data = Json.object();
            data.put("workspace", root.toString());
            data.put("reason", verdict.reason());
            if (verdict.root() != null) {
                data.put("root", verdict.root());
            }
            throw new DomainError("trust_denied", "The trust policy denies this workspace: " + verdict.reason() + ".", data);
        }
        result.put("verdict", verdict.kind() == TrustPolicy.Verdict.Kind.TRUSTED ? "trusted" : "requires_approval");
        result.put("reason", verdict.reason());
        if (verdict.kind() == TrustPolicy.Verdict.Kind.TRUSTED) {
            result.put("granted", true);
            return result;
        }
        if (source == null || source.isBlank()) {
            result.put("granted", false);
            return result;
        }
        ObjectNode grant = Json.object();
        grant.put("run_id", runId);
        grant.put("workspace", root.toString());
        grant.put("approver", approver == null || approver.isBlank() ? defaultApprover : approver);
        grant.put("source", source);
        grant.put("time", WorkerClock.iso(Instant.now()));
        if (comment != null) {
            grant.put("comment", comment);
        }
        com.fasterxml.jackson.databind.node.ArrayNode covered = grant.putArray("digests");
        digests.stream().map(Digest::normalize).distinct().forEach(covered::add);
        synchronized (grants) {
            grants.put(runId, grant);
            workers.store().saveGrant(runId, grant);
        }
        result.put("granted", true);
        result.put("digests", covered.size());
        return result;
    }

    /** The run's grant when it covers this worker's packet in this worker's workspace. */
    private java.util.Optional<ObjectNode> grantFor(WorkerRecord w) {
        String runId = w.checkout == null ? null : w.checkout.path("run_id").asText(null);
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            return java.util.Optional.empty();
        }
        JsonNode grant;
        synchronized (grants) {
            grant = grants.get(runId);
            if (grant == null) { // granted before this manager started (it was restarted mid-run)
                grant = workers.store().loadGrant(runId).orElse(null);
                if (grant instanceof ObjectNode loaded) {
                    grants.put(runId, loaded);
                }
            }
        }
        if (!(grant instanceof ObjectNode found) || !w.workspace.toString().equals(found.path("workspace").asText())) {
            return java.util.Optional.empty();
        }
        String digest = w.packetDigest();
        for (JsonNode covered : found.path("digests")) {
            if (covered.asText().equals(digest)) {
                return java.util.Optional.of(found);
            }
        }
        return java.util.Optional.empty();
    }

    /** Approves a worker its run's grant covers, recorded as the grant's approval of this very packet. */
    private boolean approveByGrant(WorkerRecord w, EventSink sink) {
        java.util.Optional<ObjectNode> grant = grantFor(w);
        if (grant.isEmpty()) {
            return false;
        }
        ObjectNode approval = Json.object();
        approval.put("approver", grant.get().path("approver").asText(defaultApprover));
        approval.put("source", grant.get().path("source").asText(DEFAULT_SOURCE));
        approval.put("time", WorkerClock.iso(Instant.now()));
        approval.put("comment", "covered by the trust grant of run " + grant.get().path("run_id").asText()
                + " (" + grant.get().path("time").asText() + ")");
        approval.put("digest", w.packetDigest());
        w.approval = approval;
        workers.emit(w, "trust_resolved", approval.deepCopy(), sink);
        workers.transition(w, WorkerState.READY_FOR_PROMPT, reason("covered by the run's trust grant"), sink);
        return true;
    }

    /** check_trust: spawning → ready_for_prompt (trusted root, or covered by the run's grant) or trust_required; a denied root fails the worker. */
    public ObjectNode check(WorkerRecord w, EventSink sink) {
        synchronized (w) {
            if (w.state == WorkerState.SPAWNING) {
                evaluate(w, sink);
            }
            if (w.state == WorkerState.TRUST_REQUIRED) {
                approveByGrant(w, sink);
            } else if (w.state != WorkerState.TRUST_REQUIRED && w.state != WorkerState.READY_FOR_PROMPT) {
                throw Transitions.refuse(w.state, WorkerState.TRUST_REQUIRED, "check_trust applies to a worker that has not run yet");
            }
            ObjectNode result = Json.object();
            result.put("requires_approval", w.state == WorkerState.TRUST_REQUIRED);
            result.put("reason", w.trust == null ? "" : w.trust.path("reason").asText());
            result.put("state", w.state.wire());
            return result;
        }
    }

    /** mark_trusted: records who approved what, how and when, then trust_required → ready_for_prompt. */
    public ObjectNode approve(WorkerRecord w, String source, String approver, String comment, String shownDigest, EventSink sink) {
        synchronized (w) {
            if (w.state == WorkerState.SPAWNING) {
                evaluate(w, sink);
            }
            if (w.state == WorkerState.TRUST_REQUIRED) {
                TrustPolicy.Verdict verdict = policy.evaluate(w.workspace);
                if (verdict.kind() == TrustPolicy.Verdict.Kind.DENIED) {
                    fail(w, verdict, "policy", approver, null, sink);
                }
                String digest = w.packetDigest();
                if (shownDigest != null && !Digest.normalize(shownDigest).equals(digest)) {
                    ObjectNode data = Json.object();
                    data.put("approved_digest", shownDigest);
                    data.put("packet_digest", digest);
                    data.put("state", w.state.wire());
                    throw new DomainError("trust_denied", "The approval was for a different packet (digest "
                            + shownDigest + "); show the current packet and approve again.", data);
                }
                Transitions.require(w.state, WorkerState.READY_FOR_PROMPT);
                ObjectNode approval = Json.object();
                approval.put("approver", approver == null || approver.isBlank() ? defaultApprover : approver);
                approval.put("source", source == null || source.isBlank() ? DEFAULT_SOURCE : source);
                approval.put("time", WorkerClock.iso(Instant.now()));
                if (comment != null) {
                    approval.put("comment", comment);
                }
                approval.put("digest", digest);
                w.approval = approval;
                workers.emit(w, "trust_resolved", approval.deepCopy(), sink);
                workers.transition(w, WorkerState.READY_FOR_PROMPT, reason("approved by " + approval.get("approver").asText()), sink);
            } else {
                throw Transitions.refuse(w.state, WorkerState.READY_FOR_PROMPT, "mark_trusted applies only to a worker in trust_required");
            }
            ObjectNode result = Json.object();
            result.put("success", true);
            result.put("state", w.state.wire());
            result.put("digest", w.approval == null ? w.packetDigest() : w.approval.path("digest").asText());
            return result;
        }
    }

    /** deny_trust: trust_required → failed, recorded like an approval. */
    public ObjectNode deny(WorkerRecord w, String approver, String comment, EventSink sink) {
        synchronized (w) {
            if (w.state == WorkerState.SPAWNING) {
                evaluate(w, sink);
            }
            if (w.state != WorkerState.TRUST_REQUIRED) {
                throw Transitions.refuse(w.state, WorkerState.FAILED, "deny_trust applies only to a worker in trust_required");
            }
            ObjectNode denial = Json.object();
            denial.put("approver", approver == null || approver.isBlank() ? defaultApprover : approver);
            denial.put("source", "human_denial");
            denial.put("time", WorkerClock.iso(Instant.now()));
            if (comment != null) {
                denial.put("comment", comment);
            }
            denial.put("digest", w.packetDigest());
            w.decision = denial;
            w.failure = Failure.trustDenied("trust was denied by " + denial.get("approver").asText());
            workers.emit(w, "trust_denied", denial.deepCopy(), sink);
            workers.transition(w, WorkerState.FAILED, reason(w.failure.summary()), sink);
            ObjectNode result = Json.object();
            result.put("success", true);
            result.put("state", w.state.wire());
            return result;
        }
    }

    /**
     * Before a run (and a permission retry): a denied root still wins, an auto-trust must still be
     * the policy's, and an approval must still be of this very packet.
     */
    public void recheck(WorkerRecord w) {
        TrustPolicy.Verdict verdict = policy.evaluate(w.workspace);
        if (verdict.kind() == TrustPolicy.Verdict.Kind.DENIED) {
            throw new DomainError("trust_denied", "The trust policy denies this workspace: " + verdict.reason() + ".",
                    verdictData(w, verdict));
        }
        if (w.approval == null) {
            return;
        }
        if (AUTO.equals(w.approval.path("source").asText())) {
            if (verdict.kind() != TrustPolicy.Verdict.Kind.TRUSTED) {
                throw new DomainError("trust_denied", "The workspace is no longer under a trusted root ("
                        + verdict.reason() + "); spawn a new worker and approve it.", verdictData(w, verdict));
            }
        } else if (!Digest.normalize(w.approval.path("digest").asText()).equals(w.packetDigest())) {
            ObjectNode data = verdictData(w, verdict);
            data.put("approved_digest", w.approval.path("digest").asText());
            data.put("packet_digest", w.packetDigest());
            throw new DomainError("trust_denied", "The packet changed after it was approved, so the approval no longer holds; cancel this worker and spawn one for the new packet.", data);
        }
    }

    private void evaluate(WorkerRecord w, EventSink sink) {
        TrustPolicy.Verdict verdict = policy.evaluate(w.workspace);
        w.trust = verdictJson(verdict);
        switch (verdict.kind()) {
            case TRUSTED -> {
                ObjectNode approval = Json.object();
                approval.put("approver", "policy");
                approval.put("source", AUTO);
                approval.put("time", WorkerClock.iso(Instant.now()));
                approval.put("root", verdict.root());
                approval.put("policy", policy.source());
                approval.put("digest", w.packetDigest());
                w.approval = approval;
                workers.emit(w, "trust_resolved", approval.deepCopy(), sink);
                workers.transition(w, WorkerState.READY_FOR_PROMPT, reason(verdict.reason()), sink);
            }
            case REQUIRES_APPROVAL -> workers.transition(w, WorkerState.TRUST_REQUIRED, reason(verdict.reason()), sink);
            case DENIED -> {
                workers.transition(w, WorkerState.TRUST_REQUIRED, reason(verdict.reason()), sink);
                fail(w, verdict, "policy", "policy", null, sink);
            }
        }
    }

    private void fail(WorkerRecord w, TrustPolicy.Verdict verdict, String source, String approver, String comment, EventSink sink) {
        ObjectNode denial = Json.object();
        denial.put("approver", approver == null ? "policy" : approver);
        denial.put("source", source);
        denial.put("time", WorkerClock.iso(Instant.now()));
        denial.put("reason", verdict.reason());
        if (verdict.root() != null) {
            denial.put("root", verdict.root());
        }
        if (comment != null) {
            denial.put("comment", comment);
        }
        w.trust = verdictJson(verdict);
        w.failure = Failure.trustDenied("trust denied: " + verdict.reason());
        workers.emit(w, "trust_denied", denial, sink);
        workers.transition(w, WorkerState.FAILED, reason(w.failure.summary()), sink);
        throw new DomainError("trust_denied", "The trust policy denies this workspace: " + verdict.reason() + ".",
                verdictData(w, verdict));
    }

    private ObjectNode verdictData(WorkerRecord w, TrustPolicy.Verdict verdict) {
        ObjectNode data = Json.object();
        data.put("worker_id", w.id);
        data.put("state", w.state.wire());
        data.put("workspace", w.workspace.toString());
        data.put("reason", verdict.reason());
        if (verdict.root() != null) {
            data.put("root", verdict.root());
        }
        return data;
    }

    private ObjectNode verdictJson(TrustPolicy.Verdict verdict) {
        ObjectNode node = Json.object();
        node.put("verdict", verdict.kind().name().toLowerCase(java.util.Locale.ROOT));
        node.put("reason", verdict.reason());
        if (verdict.root() != null) {
            node.put("root", verdict.root());
        }
        node.put("policy", policy.source());
        return node;
    }

    public static ObjectNode reason(String text) {
        ObjectNode node = Json.object();
        node.put("reason", text);
        return node;
    }
}
