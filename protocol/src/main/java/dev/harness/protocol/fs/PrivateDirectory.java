package dev.harness.protocol.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories only their owner may enter (rwx------): the harness's state holds approved plans,
 * worker records and logs, which may carry the person's own text. Where the file system has no
 * POSIX permissions, the platform's default applies.
 */
public final class PrivateDirectory {
    private PrivateDirectory() {}

    /** The attribute that makes a new directory owner-only, or none where the file system has no POSIX permissions. */
    public static FileAttribute<?>[] ownerOnly(Path where) {
        if (!where.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))};
    }

    /**
     * Creates {@code dir} owner-only when it does not exist yet; its missing parents get the
     * platform's default (they may be shared, as ~/.local/state is). An existing directory is left as it is.
     */
    public static Path create(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir, ownerOnly(dir));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        }
        return dir;
    }
}
