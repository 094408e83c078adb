package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Json;
import org.junit.jupiter.api.Test;

class PlanDigestTest {
    @Test
    void digestIsSha256HexOfCanonicalJson() throws Exception {
        ArrayNode packets = (ArrayNode) Json.parse("[{\"b\":1,\"a\":{\"d\":[2,{\"z\":1,\"y\":2}],\"c\":\"x\"}}]");
        assertThat(PlanDigest.canonicalJson(packets)).isEqualTo("[{\"a\":{\"c\":\"x\",\"d\":[2,{\"y\":2,\"z\":1}]},\"b\":1}]");
        // sha256 of that exact text, computed with sha256sum
        assertThat(PlanDigest.of(packets)).isEqualTo("5e6382495c0d821e18e7270086336c25ccf2812911839d1eae14e66b3286e519");
        assertThat(PlanDigest.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void keyOrderAndWhitespaceDoNotMatterButValuesDo() throws Exception {
        ArrayNode a = (ArrayNode) Json.parse("[{\"id\":\"t1\",\"title\":\"A\",\"depends_on\":[]}]");
        ArrayNode b = (ArrayNode) Json.parse("[ { \"depends_on\" : [ ], \"title\":\"A\", \"id\":\"t1\" } ]");
        ArrayNode c = (ArrayNode) Json.parse("[{\"id\":\"t1\",\"title\":\"A \",\"depends_on\":[]}]");
        assertThat(PlanDigest.of(a)).isEqualTo(PlanDigest.of(b)).isNotEqualTo(PlanDigest.of(c));
    }

    @Test
    void packetOrderMatters() {
        ArrayNode chain = Plans.chain();
        ArrayNode reordered = Json.array();
        reordered.add(chain.get(1)).add(chain.get(0)).add(chain.get(2)).add(chain.get(3));
        assertThat(PlanDigest.of(chain)).isNotEqualTo(PlanDigest.of(reordered));
    }
}
