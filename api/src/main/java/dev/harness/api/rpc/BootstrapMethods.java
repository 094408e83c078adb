package dev.harness.api.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.harness.api.bootstrap.BootstrapContext;
import dev.harness.api.bootstrap.BootstrapPlan;
import dev.harness.api.bootstrap.BootstrapStatus;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.bootstrap.PhaseResult;
import dev.harness.api.bootstrap.PlanResult;
import java.util.Arrays;
import java.util.List;

/** bootstrap-service's methods (contracts/bootstrap-service.contract.yaml), one descriptor each. */
public final class BootstrapMethods {
    public static final String SERVICE = "bootstrap-service";
    private static final List<BootstrapError> ERRORS = Arrays.asList(BootstrapError.values());

    private BootstrapMethods() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExecutePhaseParams(Phase phase, BootstrapContext context, Boolean force) {
        public ExecutePhaseParams {
            if (phase == null) {
                throw new IllegalArgumentException("execute_phase names a phase");
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetStatusParams(BootstrapContext context) {}

    public static final MethodDescriptor<ExecutePhaseParams, PhaseResult> EXECUTE_PHASE = new MethodDescriptor<>(
            SERVICE, "execute_phase", ExecutePhaseParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<BootstrapPlan, PlanResult> EXECUTE_PLAN = new MethodDescriptor<>(
            SERVICE, "execute_plan", BootstrapPlan.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<GetStatusParams, BootstrapStatus> GET_STATUS = new MethodDescriptor<>(
            SERVICE, "get_status", GetStatusParams.class, new TypeReference<>() {}, ERRORS);

    public static final List<MethodDescriptor<?, ?>> ALL = List.of(EXECUTE_PHASE, EXECUTE_PLAN, GET_STATUS);

    /** Notifications: phase_started ({@link dev.harness.api.bootstrap.PhaseStarted}), phase_completed ({@link dev.harness.api.bootstrap.PhaseCompleted}). */
    public static final String PHASE_STARTED = "phase_started";
    public static final String PHASE_COMPLETED = "phase_completed";
}
