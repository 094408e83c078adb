package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An approval as PIPELINE.md defines it: who (approver), how (source), when (ISO-8601 UTC time),
 * an optional comment, and the sha256 of what was approved. If what was approved changes, the
 * approval no longer holds. Also the payload of trust_resolved; root and policy name the trusted
 * root and the policy file when the policy approved by itself (auto_allowlist).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(String approver, ApprovalSource source, String time, String comment, String digest,
                       String root, String policy) {
    public Approval {
        if (approver == null || approver.isEmpty() || source == null) {
            throw new IllegalArgumentException("an approval says who approved and how");
        }
    }
}
