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

    @Test
    void aParseIsReusedForTheSameBytesOnlyEvenAfterASameSizeEditWithinOneMtimeTick() throws Exception {
        Path manifest = root.resolve("package.json");
        Files.writeString(manifest, "{\"scripts\":{\"test\":\"node --test\"}}");
        var tick = Files.getLastModifiedTime(manifest);
        com.fasterxml.jackson.databind.JsonNode first;
        try (ManifestFile.Reads reads = ManifestFile.Reads.open()) {
            first = ManifestFile.json(root, "package.json");
        }
        try (ManifestFile.Reads reads = ManifestFile.Reads.open()) {
            assertThat(ManifestFile.json(root, "package.json")).isSameAs(first); // same bytes: the kept parse
        }
        // an edit of the same size, with the file's time put back: only its bytes tell it apart
        Files.writeString(manifest, "{\"scripts\":{\"test\":\"node --tesT\"}}");
        Files.setLastModifiedTime(manifest, tick);
        assertThat(Files.size(manifest)).isEqualTo(first.toString().length());
        try (ManifestFile.Reads reads = ManifestFile.Reads.open()) {
            assertThat(ManifestFile.json(root, "package.json").path("scripts").path("test").asText()).isEqualTo("node --tesT");
        }
        Files.writeString(manifest, "{\"scripts\":{\"test\":\"node --test\"");
        try (ManifestFile.Reads reads = ManifestFile.Reads.open()) {
            assertThatThrownBy(() -> ManifestFile.json(root, "package.json")).isInstanceOf(JsonProcessingException.class);
        }
    }
}
