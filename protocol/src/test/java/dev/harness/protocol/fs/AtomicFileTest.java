package dev.harness.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    /** writeString (flushed to the device) and replaceString (not) replace a file the same way. */
    interface Replace {
        void apply(Path target, String text) throws java.io.IOException;
    }

    static java.util.stream.Stream<Replace> replaces() {
        return java.util.stream.Stream.of(AtomicFile::writeString, AtomicFile::replaceString);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("replaces")
    void replacesTheContentAndLeavesNoTemporaryFile(Replace replace, @TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("state/record.json");
        replace.apply(target, "{\"v\":1}\n");
        replace.apply(target, "{\"v\":2}\n");
        assertThat(Files.readString(target)).isEqualTo("{\"v\":2}\n");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("record.json");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("replaces")
    void aFailedWriteLeavesTheOldContent(Replace replace, @TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("record.json");
        replace.apply(target, "old");
        Path blocked = tmp.resolve("dir-in-the-way");
        Files.createDirectories(blocked.resolve("child"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> replace.apply(blocked, "new"))
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

    /** A crashed write's temporary file (a looser mode, other content) is replaced, not written into. */
    @Test
    void aLeftoverTemporaryFileOfACrashedWriteIsReplaced(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path target = tmp.resolve("plan.json");
        Path leftover = tmp.resolve(".plan.json." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
        Files.writeString(leftover, "half a crashed write, longer than the new content");
        Files.setPosixFilePermissions(leftover, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFile.writeStringOwnerOnly(target, "secret");
        assertThat(Files.readString(target)).isEqualTo("secret");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
        assertThat(leftover).doesNotExist();
    }

    /** The one copy of forcing to the device (the worker manager's record flushes use it): real files force, a missing one says so. */
    @Test
    void forcesAFileAndItsDirectoryAndNamesWhatIsMissing(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("records"));
        Path file = Files.writeString(dir.resolve("w.json"), "{}\n");
        file.toFile().setWritable(false); // a read-only file is forced through a read channel
        AtomicFile.force(file);
        AtomicFile.forceDirectory(dir);
        assertThat(Files.readString(file)).isEqualTo("{}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFile.force(dir.resolve("gone.json")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("gone.json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFile.forceDirectory(tmp.resolve("gone")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("gone");
    }
}
