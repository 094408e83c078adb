package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.ApprovedPacket;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.worker.Budget;
import dev.harness.orchestrator.runlog.PlanDigest;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduler carries typed packets, but what reaches the worker manager is the approved JSON:
 * the digests of the packets a run sends are the ones the person approved. The expected digests
 * were computed outside Java (sha256 of the sorted, compact JSON), before the scheduler was typed.
 */
class ApprovedPacketTest {
    private static final Map<String, String> SAMPLE_DIGESTS = Map.of(
            "t1", "65d8f4381c590edbf2b2b74479cce6731f2358358be634f054904d15d5b062d7",
            "t2", "b522a081664150200b4bdf1de32a1d56d973823d00a2266299b01025480ed7af",
            "t3", "48b2b9ec2733296b4857d762cb9c2108df08530700df4dbf4194d21aaa9e8709",
            "t4", "a00f2915237defb292515010bfba6b7d7e208c8f750c88a822914f1e0405709e");

    /** What spawn_worker is sent for this packet (TaskRunner's params, as the wire carries them). */
    private static JsonNode sent(ApprovedPacket packet) {
        return WorkerMethods.SPAWN_WORKER.toParams(new WorkerMethods.SpawnParams(packet.json(), "/w")).get("task_packet");
    }

    @Test
    void theSamplePlansPacketsKeepTheirDigestsThroughTheScheduler() throws Exception {
        ArrayNode plan = (ArrayNode) Json.parse(Files.readString(Path.of("src/main/cds/plan.json")));
        assertThat(PlanDigest.of(plan)).isEqualTo("41483e421f9996d1be33e202bd166b7533878d390d5f732df466a5c116ce5b58");
        List<ApprovedPacket> ordered = TaskScheduler.dependencyOrder(ApprovedPacket.listOf(plan));
        assertThat(ordered).extracting(ApprovedPacket::id).containsExactly("t1", "t2", "t3", "t4");
        ArrayNode resent = Json.array();
        for (ApprovedPacket packet : ordered) {
            assertThat(packet.digest()).as(packet.id()).isEqualTo(SAMPLE_DIGESTS.get(packet.id()));
            assertThat(Digest.ofJson(sent(packet))).as(packet.id()).isEqualTo(SAMPLE_DIGESTS.get(packet.id()));
            resent.add(sent(packet));
        }
        assertThat(PlanDigest.of(resent)).isEqualTo(PlanDigest.of(plan));
    }

    @Test
    void aPacketsFieldsApiDoesNotModelAreSentAsApproved() throws Exception {
        ObjectNode approved = (ObjectNode) Json.parse("{\"id\":\"x1\",\"objective\":\"o\",\"scope\":\"workspace\","
                + "\"acceptance_tests\":[\"true\"],\"x_reviewer\":\"ana\",\"budget_usd\":0.5,"
                + "\"x_meta\":{\"b\":2,\"a\":[1,\"caf\u00e9\"]}}");
        String expected = "6cae0c521755894676810616bb67ae846229d10b39faab30aea9691121ec4a47";
        ApprovedPacket packet = ApprovedPacket.of(approved);
        assertThat(packet.digest()).isEqualTo(expected);
        assertThat(Digest.ofJson(sent(packet))).isEqualTo(expected);
        assertThat(sent(packet)).isEqualTo(approved);
        assertThat(packet.task().budget()).isEqualTo(new Budget(0.5, null));
        // the record alone would not do: it drops what it does not model, and the trust gate would see another digest
        assertThat(Digest.ofJson(Json.toNode(packet.task()))).isNotEqualTo(expected);
        // nor can a caller change the approved packet after the fact
        approved.put("objective", "something else");
        packet.json().put("objective", "something else");
        assertThat(packet.digest()).isEqualTo(expected);
        assertThat(Digest.ofJson(sent(packet))).isEqualTo(expected);
    }

    @Test
    void aPacketThatIsNotAValidPacketIsRefusedNamingWhy() {
        assertThatThrownBy(() -> ApprovedPacket.of(Json.array())).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> ApprovedPacket.of(Json.object().put("id", "a").put("scope", "workspace")))
                .hasMessageContaining("objective");
    }
}
