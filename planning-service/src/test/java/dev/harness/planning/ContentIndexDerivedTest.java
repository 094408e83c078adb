package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A figure derived from a workspace's index is computed once per index, and a rescan's index computes it anew. */
class ContentIndexDerivedTest {
    @TempDir
    Path root;

    @Test
    void aDerivedFigureIsComputedOncePerIndexAndAnewForTheNextScan() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/a.js"), "export function a() {}\n");
        ContentIndex first = ContentIndex.build(root, new WorkspaceScanner(8, 10_000).scan(root));
        AtomicInteger computed = new AtomicInteger();
        assertThat(first.<Integer>derived("files", () -> computed.incrementAndGet() * 0 + first.size())).isEqualTo(1);
        assertThat(first.<Integer>derived("files", () -> computed.incrementAndGet() * 0 + first.size())).isEqualTo(1);
        assertThat(computed).hasValue(1);

        Files.writeString(root.resolve("src/b.js"), "export function b() {}\n");
        ContentIndex second = ContentIndex.build(root, new WorkspaceScanner(8, 10_000).scan(root));
        assertThat(second.<Integer>derived("files", () -> computed.incrementAndGet() * 0 + second.size())).isEqualTo(2);
        assertThat(computed).hasValue(2);
        assertThat(first.<Integer>derived("files", () -> computed.incrementAndGet() * 0 + first.size())).isEqualTo(1);
    }
}
