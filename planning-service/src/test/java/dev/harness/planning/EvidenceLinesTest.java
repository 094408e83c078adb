package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's split and stemmed lines are kept between plans, and used only while the file is unchanged. */
class EvidenceLinesTest {
    @TempDir
    Path root;

    private void write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void anEditedFileIsQuotedAsItIsNowNotAsItWasKept() throws Exception {
        write("src/theme/theme.js", "const size = 1;\n// dark mode lives here\n");
        WorkspaceFacts facts = new ScanCache(new WorkspaceScanner(8, 10_000), new ToolchainDetector(Map.of()),
                Duration.ZERO, Clock.systemUTC()).facts(root.toRealPath());
        ChangeLocator.Keys keys = ChangeLocator.keys("add dark mode");

        assertThat(ChangeLocator.evidence(facts, "src/theme/theme.js", keys, Set.of()))
                .isEqualTo("src/theme/theme.js:2 // dark mode lives here");
        assertThat(ChangeLocator.evidence(facts, "src/theme/theme.js", keys, Set.of()))
                .isEqualTo("src/theme/theme.js:2 // dark mode lives here");

        // the same length, the lines swapped: the facts of the scan are the same, the quoted line is not
        write("src/theme/theme.js", "// dark mode lives here\nconst size = 1;\n");
        assertThat(ChangeLocator.evidence(facts, "src/theme/theme.js", keys, Set.of()))
                .isEqualTo("src/theme/theme.js:1 // dark mode lives here");
    }

    @Test
    void keptLinesServeOnlyTheSameBytesOfTheSameFile() {
        Path file = root.resolve("a.js");
        byte[] first = "fooBar baz\nx\n".getBytes(StandardCharsets.UTF_8);
        EvidenceLines lines = EvidenceLines.of(file, first);
        assertThat(EvidenceLines.of(file, first.clone())).isSameAs(lines);
        assertThat(EvidenceLines.of(root.resolve("b.js"), first)).isNotSameAs(lines);

        EvidenceLines changed = EvidenceLines.of(file, "fooBaz bar\nx\n".getBytes(StandardCharsets.UTF_8));
        assertThat(changed).isNotSameAs(lines);
        assertThat(changed.words(0)).extracting(EvidenceLines.Word::lower).containsExactly("foobaz", "bar");
        assertThat(lines.words(0)).extracting(EvidenceLines.Word::lower).containsExactly("foobar", "baz");
        assertThat(lines.words(0)[0].stems()).containsExactly(ObjectiveTerms.stem("foo"), ObjectiveTerms.stem("bar"));
        assertThat(lines.words(1)).isEmpty(); // one letter is no word
        assertThat(lines.scored()).isEqualTo(3);
    }
}
