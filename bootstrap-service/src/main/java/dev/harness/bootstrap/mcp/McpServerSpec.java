package dev.harness.bootstrap.mcp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One server of an MCP configuration. stdio servers have a command (and args, env) started in
 * {@code baseDir}, the directory of the file that declares them; http/sse servers have a url.
 */
public record McpServerSpec(String name, Path source, Path baseDir, String transport, String command,
                            List<String> args, Map<String, String> env, Map<String, String> headers, String url) {
    public boolean isStdio() {
        return "stdio".equals(transport);
    }
}
