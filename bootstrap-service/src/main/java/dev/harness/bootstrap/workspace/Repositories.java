package dev.harness.bootstrap.workspace;

import dev.harness.protocol.fs.GitExclude;
import java.io.IOException;
import java.nio.file.Path;

/** The repository a workspace belongs to, found by reading {@code .git} files: no git process, nothing the workspace configures runs. */
public final class Repositories {
    private Repositories() {}

    /** The top of the work tree containing {@code workspace} (a real path), or the workspace itself outside any. */
    public static Path root(Path workspace) {
        try {
            return GitExclude.findRepository(workspace).map(GitExclude.Repository::top)
                    .filter(workspace::startsWith).orElse(workspace);
        } catch (IOException | RuntimeException e) {
            return workspace;
        }
    }
}
