package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.plan.TaskPacket;
import java.util.List;

/** Where and for what the phases run (bootstrap-plan.schema.json#/$defs/context); every field optional. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BootstrapContext(
        String cwd,
        List<String> instructionFiles,
        String runDir,
        String agent,
        TaskPacket taskPacket,
        Boolean probeMcpServers,
        List<String> writePaths,
        Integer mcpTimeoutMs,
        Integer probeTimeoutMs) {
    public BootstrapContext {
        if (cwd != null && cwd.isEmpty()) {
            throw new IllegalArgumentException("context.cwd must not be empty");
        }
        if (mcpTimeoutMs != null && mcpTimeoutMs < 1 || probeTimeoutMs != null && probeTimeoutMs < 1) {
            throw new IllegalArgumentException("timeouts must be at least 1 ms");
        }
        instructionFiles = instructionFiles == null ? null : List.copyOf(instructionFiles);
        writePaths = writePaths == null ? null : List.copyOf(writePaths);
    }

    public static BootstrapContext of(String cwd) {
        return new BootstrapContext(cwd, null, null, null, null, null, null, null, null);
    }
}
