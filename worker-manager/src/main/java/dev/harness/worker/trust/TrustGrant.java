package dev.harness.worker.trust;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.worker.ApprovalSource;
import java.util.List;

/**
 * A run's one trust grant (grant_trust): exactly these packet digests, in this workspace, approved
 * by whom, how and when. Kept in memory by run id and on disk for a manager restarted mid-run.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustGrant(String runId, String workspace, String approver, ApprovalSource source, String time, String comment,
                         List<String> digests) {
    public TrustGrant {
        digests = digests == null ? List.of() : List.copyOf(digests);
    }

    /** It covers this packet in this workspace. */
    public boolean covers(String workspaceRoot, String packetDigest) {
        return workspaceRoot.equals(workspace) && digests.contains(packetDigest);
    }
}
