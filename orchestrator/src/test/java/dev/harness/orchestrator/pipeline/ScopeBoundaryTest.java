package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeBoundaryTest {
    @TempDir
    Path temp;

    private static ArrayNode packets(String... scopes) {
        ArrayNode plan = Json.array();
        int n = 1;
        for (String scope : scopes) {
            plan.addObject().put("id", "t" + n++).put("scope_path", scope);
        }
        return plan;
    }

    @Test
    void scopesInsideTheWorkspaceAreFineEvenWhenTheyDoNotExistYet() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws/src"));
        workspace = workspace.getParent();

        assertThat(ScopeBoundary.escaping(packets(".", "src", "src/new/file.js", workspace.resolve("src").toString(),
                "src/../src"), workspace)).isEmpty();
    }

    @Test
    void dotDotAbsolutePathsElsewhereAndSymlinksOutAreNamed() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Path outside = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(workspace.resolve("link"), outside);

        assertThat(ScopeBoundary.escaping(packets("src", "../../etc", "/etc", "link", "link/new"), workspace))
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).startsWith("Packet t2: scope_path '../../etc'").contains("outside the workspace"))
                .anySatisfy(p -> assertThat(p).startsWith("Packet t3: scope_path '/etc'"))
                .anySatisfy(p -> assertThat(p).startsWith("Packet t4: scope_path 'link'").contains(outside.toRealPath().toString()))
                .anySatisfy(p -> assertThat(p).startsWith("Packet t5: scope_path 'link/new'"));
    }
}
