package dev.harness.worker.trust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.rpc.WorkerErrorData;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.worker.Approval;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.DecisionRecord;
import dev.harness.api.worker.TrustAssessment;
import dev.harness.api.worker.TrustVerdictKind;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.DomainError;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.Digest;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.events.WorkerEvents.Transition;
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
    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final TrustPolicy policy;
    private final WorkerRegistry workers;
    /** Each run's grant_trust, by run id (also on disk, for a manager restarted mid-run). */
    private final java.util.Map<String, TrustGrant> grants = new java.util.HashMap<>();
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
    public WorkerMethods.GrantTrustResult grant(WorkerMethods.GrantTrustParams params) {
        String runId = params.runId();
        String workspace = params.workspace();
        if (!RUN_ID.matcher(runId).matches()) {
            throw dev.harness.protocol.RpcException.invalidParams("/run_id", "a run id (letters, digits, . _ -) is required");
        }
        java.nio.file.Path root;
        try {
            root = java.nio.file.Path.of(workspace).toRealPath();
        } catch (java.io.IOException | RuntimeException e) {
            throw new DomainError("workspace_not_found", "The workspace " + workspace + " does not exist or is not a directory.",
                    Json.toNode(new WorkerErrorData.WorkspaceMissing(String.valueOf(workspace))));
        }
        TrustPolicy.Verdict verdict = policy.evaluate(root);
        if (verdict.kind() == TrustPolicy.Verdict.Kind.DENIED) {
            throw new DomainError("trust_denied", "The trust policy denies this workspace: " + verdict.reason() + ".",
                    Json.toNode(new WorkerErrorData.TrustRefused(null, null, root.toString(), verdict.reason(), verdict.root(),
                            null, null)));
        }
        String kind = verdict.kind() == TrustPolicy.Verdict.Kind.TRUSTED ? "trusted" : "requires_approval";
        if (verdict.kind() == TrustPolicy.Verdict.Kind.TRUSTED) {
            return new WorkerMethods.GrantTrustResult(kind, verdict.reason(), true, null);
        }
        if (params.approvalSource() == null) {
            return new WorkerMethods.GrantTrustResult(kind, verdict.reason(), false, null);
        }
        String approver = params.approver();
        TrustGrant grant = new TrustGrant(runId, root.toString(), approver == null || approver.isBlank() ? defaultApprover : approver,
                params.approvalSource(), WorkerClock.iso(Instant.now()), params.comment(),
                params.digests().stream().map(Digest::normalize).distinct().toList());
        synchronized (grants) {
            grants.put(runId, grant);
            workers.store().saveGrant(runId, Json.toNode(grant));
        }
        return new WorkerMethods.GrantTrustResult(kind, verdict.reason(), true, grant.digests().size());
    }

    /** The run's grant when it covers this worker's packet in this worker's workspace. */
    private java.util.Optional<TrustGrant> grantFor(WorkerRecord w) {
        String runId = w.checkout.runId();
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            return java.util.Optional.empty();
        }
        TrustGrant grant;
        synchronized (grants) {
            grant = grants.get(runId);
            if (grant == null) { // granted before this manager started (it was restarted mid-run)
                grant = workers.store().loadGrant(runId).map(WorkerTrust::readGrant).orElse(null);
                if (grant != null) {
                    grants.put(runId, grant);
                }
            }
        }
        return grant != null && grant.covers(w.workspace.toString(), w.packetDigest())
                ? java.util.Optional.of(grant) : java.util.Optional.empty();
    }

    /** A grant file this build cannot read covers nothing (the gate asks again). */
    private static TrustGrant readGrant(JsonNode node) {
        try {
            return Json.convert(node, TrustGrant.class);
        } catch (IllegalArgumentException e) {
            dev.harness.protocol.Log.warn("a trust grant on disk does not read (" + e.getMessage() + "); it covers nothing");
            return null;
        }
    }

    /** Approves a worker its run's grant covers, recorded as the grant's approval of this very packet. */
    private boolean approveByGrant(WorkerRecord w, EventSink sink) {
        java.util.Optional<TrustGrant> found = grantFor(w);
        if (found.isEmpty()) {
            return false;
        }
        TrustGrant grant = found.get();
        Approval approval = new Approval(grant.approver() == null ? defaultApprover : grant.approver(),
                grant.source() == null ? ApprovalSource.HUMAN_APPROVAL : grant.source(), WorkerClock.iso(Instant.now()),
                "covered by the trust grant of run " + grant.runId() + " (" + grant.time() + ")", w.packetDigest(), null, null);
        w.clearance = w.clearance.approved(approval);
        workers.progress(w, WorkerEventKind.TRUST_RESOLVED, resolved(approval), sink);
        workers.transition(w, WorkerState.READY_FOR_PROMPT, Transition.because("covered by the run's trust grant"), sink);
        return true;
    }

    /** check_trust: spawning → ready_for_prompt (trusted root, or covered by the run's grant) or trust_required; a denied root fails the worker. */
    public WorkerMethods.CheckTrustResult check(WorkerRecord w, EventSink sink) {
        synchronized (w) {
            if (w.state == WorkerState.SPAWNING) {
                evaluate(w, sink);
            }
            if (w.state == WorkerState.TRUST_REQUIRED) {
                approveByGrant(w, sink);
            } else if (w.state != WorkerState.TRUST_REQUIRED && w.state != WorkerState.READY_FOR_PROMPT) {
                throw Transitions.refuse(w.state, WorkerState.TRUST_REQUIRED, "check_trust applies to a worker that has not run yet");
            }
            return new WorkerMethods.CheckTrustResult(w.state == WorkerState.TRUST_REQUIRED, w.clearance.reason(), w.state);
        }
    }

    /** mark_trusted: records who approved what, how and when, then trust_required → ready_for_prompt. */
    public WorkerMethods.MarkTrustedResult approve(WorkerRecord w, ApprovalSource source, String approver, String comment, String shownDigest, EventSink sink) {
        synchronized (w) {
            if (w.state == WorkerState.SPAWNING) {
                evaluate(w, sink);
            }
            if (w.state == WorkerState.TRUST_REQUIRED) {
                TrustPolicy.Verdict verdict = policy.evaluate(w.workspace);
                if (verdict.kind() == TrustPolicy.Verdict.Kind.DENIED) {
                    fail(w, verdict, ApprovalSource.POLICY, approver, null, sink);
                }
                String digest = w.packetDigest();
                if (shownDigest != null && !Digest.normalize(shownDigest).equals(digest)) {
                    throw new DomainError("trust_denied", "The approval was for a different packet (digest "
                            + shownDigest + "); show the current packet and approve again.",
                            Json.toNode(new WorkerErrorData.TrustRefused(null, w.state, null, null, null, shownDigest, digest)));
                }
                Transitions.require(w.state, WorkerState.READY_FOR_PROMPT);
                Approval approval = new Approval(approver == null || approver.isBlank() ? defaultApprover : approver,
                        source == null ? ApprovalSource.HUMAN_APPROVAL : source, WorkerClock.iso(Instant.now()), comment,
                        digest, null, null);
                w.clearance = w.clearance.approved(approval);
                workers.progress(w, WorkerEventKind.TRUST_RESOLVED, resolved(approval), sink);
                workers.transition(w, WorkerState.READY_FOR_PROMPT, Transition.because("approved by " + approval.approver()), sink);
            } else {
                throw Transitions.refuse(w.state, WorkerState.READY_FOR_PROMPT, "mark_trusted applies only to a worker in trust_required");
            }
            Approval approval = w.clearance.approval();
            return new WorkerMethods.MarkTrustedResult(true, w.state, approval == null ? w.packetDigest() : approval.digest());
        }
    }

    /** deny_trust: trust_required → failed, recorded like an approval. */
    public WorkerMethods.DenyTrustResult deny(WorkerRecord w, String approver, String comment, EventSink sink) {
        synchronized (w) {
            if (w.state == WorkerState.SPAWNING) {
                evaluate(w, sink);
            }
            if (w.state != WorkerState.TRUST_REQUIRED) {
                throw Transitions.refuse(w.state, WorkerState.FAILED, "deny_trust applies only to a worker in trust_required");
            }
            var denial = new WorkerEventPayload.TrustDenied(approver == null || approver.isBlank() ? defaultApprover : approver,
                    ApprovalSource.HUMAN_DENIAL, WorkerClock.iso(Instant.now()), null, null, comment, w.packetDigest());
            w.decisions = w.decisions.denied(asDecision(denial));
            w.failure = Failure.trustDenied("trust was denied by " + denial.approver());
            workers.emit(w, WorkerEventKind.TRUST_DENIED, denial, sink);
            workers.transition(w, WorkerState.FAILED, Transition.because(w.failure.summary()), sink);
            return new WorkerMethods.DenyTrustResult(true, w.state);
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
        Approval approval = w.clearance.approval();
        if (approval == null) {
            return;
        }
        if (w.clearance.approvedByPolicy()) {
            if (verdict.kind() != TrustPolicy.Verdict.Kind.TRUSTED) {
                throw new DomainError("trust_denied", "The workspace is no longer under a trusted root ("
                        + verdict.reason() + "); spawn a new worker and approve it.", verdictData(w, verdict));
            }
        } else if (approval.digest() == null || !Digest.normalize(approval.digest()).equals(w.packetDigest())) {
            throw new DomainError("trust_denied", "The packet changed after it was approved, so the approval no longer holds;"
                    + " cancel this worker and spawn one for the new packet.", Json.toNode(new WorkerErrorData.TrustRefused(w.id,
                    w.state, w.workspace.toString(), verdict.reason(), verdict.root(), String.valueOf(approval.digest()),
                    w.packetDigest())));
        }
    }

    private void evaluate(WorkerRecord w, EventSink sink) {
        TrustPolicy.Verdict verdict = policy.evaluate(w.workspace);
        w.clearance = w.clearance.assessed(assessment(verdict));
        switch (verdict.kind()) {
            case TRUSTED -> {
                Approval approval = new Approval("policy", ApprovalSource.AUTO_ALLOWLIST, WorkerClock.iso(Instant.now()),
                        null, w.packetDigest(), verdict.root(), policy.source());
                w.clearance = w.clearance.approved(approval);
                workers.progress(w, WorkerEventKind.TRUST_RESOLVED, resolved(approval), sink);
                workers.transition(w, WorkerState.READY_FOR_PROMPT, Transition.because(verdict.reason()), sink);
            }
            case REQUIRES_APPROVAL -> workers.transition(w, WorkerState.TRUST_REQUIRED, Transition.because(verdict.reason()), sink);
            case DENIED -> {
                workers.transition(w, WorkerState.TRUST_REQUIRED, Transition.because(verdict.reason()), sink);
                fail(w, verdict, ApprovalSource.POLICY, "policy", null, sink);
            }
        }
    }

    private void fail(WorkerRecord w, TrustPolicy.Verdict verdict, ApprovalSource source, String approver, String comment, EventSink sink) {
        var denial = new WorkerEventPayload.TrustDenied(approver == null ? "policy" : approver, source,
                WorkerClock.iso(Instant.now()), verdict.reason(), verdict.root(), comment, null);
        w.clearance = w.clearance.assessed(assessment(verdict));
        w.failure = Failure.trustDenied("trust denied: " + verdict.reason());
        workers.emit(w, WorkerEventKind.TRUST_DENIED, denial, sink);
        workers.transition(w, WorkerState.FAILED, Transition.because(w.failure.summary()), sink);
        throw new DomainError("trust_denied", "The trust policy denies this workspace: " + verdict.reason() + ".",
                verdictData(w, verdict));
    }

    private static JsonNode verdictData(WorkerRecord w, TrustPolicy.Verdict verdict) {
        return Json.toNode(new WorkerErrorData.TrustRefused(w.id, w.state, w.workspace.toString(), verdict.reason(),
                verdict.root(), null, null));
    }

    private TrustAssessment assessment(TrustPolicy.Verdict verdict) {
        return new TrustAssessment(TrustVerdictKind.fromWire(verdict.kind().name().toLowerCase(java.util.Locale.ROOT)),
                verdict.reason(), verdict.root(), policy.source());
    }

    private static WorkerEventPayload.TrustResolved resolved(Approval a) {
        return new WorkerEventPayload.TrustResolved(a.approver(), a.source(), a.time(), a.comment(), a.digest(), a.root(), a.policy());
    }

    /** A person's refusal as the snapshot's latest decision (no decision: a denial). */
    private static DecisionRecord asDecision(WorkerEventPayload.TrustDenied d) {
        return new DecisionRecord(null, d.approver(), d.source(), d.time(), d.comment(), null, d.digest(), null, d.reason(),
                d.root(), null, null, null);
    }
}
