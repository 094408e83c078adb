package dev.harness.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @Test
    void replacesTheContentAndLeavesNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("state/record.json");
        AtomicFile.writeString(target, "{\"v\":1}\n");
        AtomicFile.writeString(target, "{\"v\":2}\n");
        assertThat(Files.readString(target)).isEqualTo("{\"v\":2}\n");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("record.json");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldContent(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("record.json");
        AtomicFile.writeString(target, "old");
        Path blocked = tmp.resolve("dir-in-the-way");
        Files.createDirectories(blocked.resolve("child"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFile.writeString(blocked, "new"))
                .isInstanceOf(java.io.IOException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void anOwnerOnlyFileIsNeverReadableByOthers(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path target = tmp.resolve("plan.json");
        Files.writeString(target, "old"); // an existing file's looser mode is replaced, not kept
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFile.writeStringOwnerOnly(target, "secret");
        assertThat(Files.readString(target)).isEqualTo("secret");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
        AtomicFile.writeString(tmp.resolve("open.json"), "x");
        assertThat(Files.getPosixFilePermissions(tmp.resolve("open.json")))
                .contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ);
    }
}
