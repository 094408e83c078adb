package dev.harness.worker.trust;

import dev.harness.api.worker.Approval;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.TrustAssessment;

/**
 * What the trust gate holds for one worker: the policy's assessment of its workspace (a
 * snapshot's {@code trust}) and the approval that lets it run (its {@code approval}). Either is
 * absent until the gate has looked; an approval without an assessment comes only from old records.
 */
public record Clearance(TrustAssessment assessment, Approval approval) {
    public static final Clearance NONE = new Clearance(null, null);

    public Clearance assessed(TrustAssessment verdict) {
        return new Clearance(verdict, approval);
    }

    public Clearance approved(Approval given) {
        return new Clearance(assessment, given);
    }

    /** The policy approved by itself (a trusted root): it must still be the policy's at every run. */
    public boolean approvedByPolicy() {
        return approval != null && approval.source() == ApprovalSource.AUTO_ALLOWLIST;
    }

    /** The assessment's reason, "" before the gate looked. */
    public String reason() {
        return assessment == null || assessment.reason() == null ? "" : assessment.reason();
    }
}
