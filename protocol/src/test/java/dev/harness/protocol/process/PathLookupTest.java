package dev.harness.protocol.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathLookupTest {
    @TempDir
    Path tmp;

    @Test
    void findsTheFirstExecutableOnPathSkippingEmptyEntriesAndNonExecutables() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("tool"), "not executable");
        Path real = Files.writeString(b.resolve("tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", ":" + a + "::" + b);
        assertThat(PathLookup.find("tool", env)).contains(real);
        assertThat(PathLookup.find("missing", env)).isEmpty();
        assertThat(PathLookup.find("", env)).isEmpty();
    }

    @Test
    void aNameWithASlashIsAPathResolvedAgainstTheBaseDirectory() throws Exception {
        Path script = Files.writeString(tmp.resolve("server.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertThat(PathLookup.find("./server.sh", Map.of("PATH", "/nowhere"), tmp)).contains(script);
        assertThat(PathLookup.find(script.toString(), Map.of())).contains(script);
        assertThat(PathLookup.find("./absent.sh", Map.of(), tmp)).isEmpty();
    }

    @Test
    void withoutPathTheShellsDefaultIsSearched() {
        assertThat(PathLookup.find("sh", Map.of())).isPresent();
    }
}
