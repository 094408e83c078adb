package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request plans on one view of each manifest; the next request (and code outside one) reads the file again. */
class ManifestReadsTest {
    @TempDir
    Path root;

    @Test
    void oneRequestReadsAManifestOnceTheNextReadsItAgain() throws Exception {
        Files.writeString(root.resolve("package.json"), "{\"scripts\":{\"test\":\"node --test\"}}");
        try (ManifestFile.Reads reads = ManifestFile.Reads.open()) {
            assertThat(ManifestFile.json(root, "package.json").path("scripts").path("test").asText()).isEqualTo("node --test");
            Files.writeString(root.resolve("package.json"), "{\"scripts\":{\"test\":\"jest\"}}");
            assertThat(ManifestFile.json(root, "package.json").path("scripts").path("test").asText()).isEqualTo("node --test");
            assertThat(ManifestFile.read(root, "package.json")).contains("node --test");
        }
        assertThat(ManifestFile.json(root, "package.json").path("scripts").path("test").asText()).isEqualTo("jest");
        try (ManifestFile.Reads reads = ManifestFile.Reads.open()) {
            assertThat(ManifestFile.read(root, "package.json")).contains("jest");
        }
    }

    @Test
    void aManifestThatIsNotJsonFailsEveryReadAndAMissingOneIsMissing() throws Exception {
        Files.writeString(root.resolve("package.json"), "{ not json");
        assertThatThrownBy(() -> ManifestFile.json(root, "package.json")).isInstanceOf(JsonProcessingException.class);
        try (ManifestFile.Reads reads = ManifestFile.Reads.open()) {
            assertThatThrownBy(() -> ManifestFile.json(root, "package.json")).isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> ManifestFile.json(root, "package.json")).isInstanceOf(JsonProcessingException.class);
            assertThat(ManifestFile.json(root, "sub/package.json").isMissingNode()).isTrue();
        }
        assertThat(ManifestFile.json(root, "sub/package.json").isMissingNode()).isTrue();
    }
}
