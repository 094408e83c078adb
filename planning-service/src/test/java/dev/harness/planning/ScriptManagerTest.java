package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A package manager the project's scripts call themselves (jsdiff's "build": "yarn lint && …") must be on PATH, or its checks fail healthy. */
class ScriptManagerTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}, yarn on PATH: {1}")
    @CsvSource(delimiter = '|', value = {
        "yarn lint && yarn tsc                  | false | true",
        "yarn lint && yarn tsc                  | true  | false",
        "tsc && pnpm -r build                   | false | false",
        "echo yarnish && node build.js          | false | false",
        "npm run lint; yarn                     | false | true",
    })
    void aManagerTheScriptsRunIsSaidMissing(String build, boolean yarnOnPath, boolean said) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        if (yarnOnPath) {
            Path yarn = write(bin, "yarn", "#!/bin/sh\n");
            Files.setPosixFilePermissions(yarn, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path ws = Files.createDirectories(temp.resolve("ws"));
        write(ws, "package.json", "{\"name\":\"d\",\"scripts\":{\"build\":\"" + build + "\",\"test\":\"mocha\"}}\n");
        WorkspaceCommands commands = new ToolchainDetector(Map.of("PATH", bin.toString())).detect(ws);
        assertThat(commands.notes().stream().anyMatch(n -> n.contains("run 'yarn', which is not on PATH here"))).isEqualTo(said);
        // pnpm is never on this PATH: said whenever a script runs it
        assertThat(commands.notes().stream().anyMatch(n -> n.contains("run 'pnpm', which is not on PATH here")))
                .isEqualTo(build.contains("pnpm -r"));
    }
}
