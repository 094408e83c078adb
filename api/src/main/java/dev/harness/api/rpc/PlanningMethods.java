package dev.harness.api.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.PlanReport;
import dev.harness.api.plan.TaskPacket;
import dev.harness.protocol.Json;
import java.util.Arrays;
import java.util.List;

/** planning-service's methods (contracts/planning-service.contract.yaml), one descriptor each. */
public final class PlanningMethods {
    public static final String SERVICE = "planning-service";
    private static final List<PlanningError> ERRORS = Arrays.asList(PlanningError.values());

    private PlanningMethods() {}

    /**
     * @param context facts about where the work happens: cwd (or workspace), git_status, max_packets,
     *                and any other a client adds (kept open; {@link #where()} is the typed view)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecomposeParams(String objective, ObjectNode context) {
        public DecomposeParams {
            if (objective == null || objective.isBlank()) {
                throw new IllegalArgumentException("decompose needs an objective");
            }
        }

        /** The context's fields the contract names (the schema already checked their types). */
        public Where where() {
            return context == null ? Where.NOWHERE : Json.convert(context, Where.class);
        }
    }

    /**
     * decompose's context as the contract names it; every field optional.
     *
     * @param maxPackets any integer ≥ 1 the contract allows (it sets no upper bound); see {@link #packetLimit()}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Where(String cwd, String workspace, String gitStatus, java.math.BigInteger maxPackets) {
        public static final Where NOWHERE = new Where(null, null, null, null);

        /** The packet limit; none when absent, or too large to limit anything. */
        public Integer packetLimit() {
            return maxPackets != null && maxPackets.bitLength() < Integer.SIZE ? maxPackets.intValue() : null;
        }
    }

    /**
     * @param packets JSON objects as the client holds them: the planner keeps what a packet carries
     *                beyond api's {@link TaskPacket} (a budget_usd) and answers with the same fields
     * @param context any object (refine works without a workspace)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefineParams(List<ObjectNode> packets, String feedback, String objective, ObjectNode context) {
        public RefineParams {
            if (packets == null || feedback == null || feedback.isBlank()) {
                throw new IllegalArgumentException("refine needs packets and feedback");
            }
            packets = List.copyOf(packets);
        }
    }

    /**
     * Packets stay JSON objects here: validate reports what is wrong with any packet, schema-valid or not.
     *
     * @param context the workspace the plan is for (cwd or workspace), as in decompose; null: checks are not looked up
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ValidateParams(List<ObjectNode> packets, ObjectNode context) {
        public ValidateParams {
            if (packets == null) {
                throw new IllegalArgumentException("validate needs packets");
            }
            packets = List.copyOf(packets);
        }

        public ValidateParams(List<ObjectNode> packets) {
            this(packets, null);
        }
    }

    public static final MethodDescriptor<DecomposeParams, List<TaskPacket>> DECOMPOSE = new MethodDescriptor<>(
            SERVICE, "decompose", DecomposeParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<RefineParams, List<TaskPacket>> REFINE = new MethodDescriptor<>(
            SERVICE, "refine", RefineParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<ValidateParams, PlanReport> VALIDATE = new MethodDescriptor<>(
            SERVICE, "validate", ValidateParams.class, new TypeReference<>() {}, ERRORS);

    /** Every method the contract declares (a test checks this list against the contract). */
    public static final List<MethodDescriptor<?, ?>> ALL = List.of(DECOMPOSE, REFINE, VALIDATE);

    /** The plan_created notification carries a {@link dev.harness.api.plan.Plan}. */
    public static final String PLAN_CREATED = "plan_created";
}
