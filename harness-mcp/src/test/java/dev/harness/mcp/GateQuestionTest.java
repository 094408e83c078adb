package dev.harness.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.run.RunStatus;
import dev.harness.api.run.RunStatusReport;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.UsageTotal;
import dev.harness.protocol.Json;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The question put to the person is made from the status the orchestrator prints (read through api's record). */
@SuppressWarnings("unchecked") // the form schema is a JSON object as a map
class GateQuestionTest {
    private static RunStatusReport status(RunStatus status, boolean approved) throws Exception {
        String printed = Json.write(new RunStatusReport("r1", status, "add dark mode", "/w", "ab".repeat(32),
                approved ? "ab".repeat(32) : null, approved, 0, 0, 0, UsageTotal.NONE, new Budget(2.5, null),
                List.of((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
                        "{\"id\":\"t1\",\"title\":\"Add a toggle\",\"status\":\"pending\",\"attempts\":0,"
                                + "\"files\":[\"src/settings/index.js\",\"test/settings.test.js\"]}")),
                null, Json.object(), List.of("t1"), "/runs/r1/events.jsonl"));
        return Json.convert(Json.parse(printed), RunStatusReport.class); // as harness-mcp reads it
    }

    @Test
    void aPlanWaitingForApprovalIsShownWithItsTasksAndBudget() throws Exception {
        Optional<ElicitFormRequest> asked = GateQuestion.of(status(RunStatus.AWAITING_APPROVAL, false), "/w");
        assertThat(asked).isPresent();
        assertThat(asked.get().message()).contains("run r1 in /w waits for your approval of its plan.",
                "Objective: add dark mode", "Plan (digest abababababab):", "  t1  Add a toggle (files: src/settings/index.js, test/settings.test.js)", "Budget: {\"usd\":2.5");
        assertThat((Map<String, Object>) asked.get().requestedSchema().get("properties")).containsKeys(GateQuestion.APPROVE, GateQuestion.TRUST);
    }

    @Test
    void aLongFilesListIsCutAfterFourAndNoListSaysNothing() {
        assertThat(GateQuestion.files(List.of("a", "b", "c", "d", "e", "f"))).isEqualTo(" (files: a, b, c, d +2 more)");
        assertThat(GateQuestion.files(List.of())).isEmpty();
    }

    @Test
    void anApprovedPlanAsksOnlyForTrustAndARunningRunAsksNothing() throws Exception {
        Optional<ElicitFormRequest> asked = GateQuestion.of(status(RunStatus.AWAITING_TRUST, true), "/w");
        assertThat(asked.get().message()).contains("waits for you to trust the workspace.");
        assertThat((Map<String, Object>) asked.get().requestedSchema().get("properties")).doesNotContainKey(GateQuestion.APPROVE);
        assertThat(GateQuestion.of(status(RunStatus.RUNNING, true), "/w")).isEmpty();
    }
}
