package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function a file names only in a comment is declared elsewhere: there is the place (w3lib's get_meta_refresh, declared
 * in html.py, mentioned in a comment of encoding.py, whose meta-tag words match the objective's). The workspace is in
 * test resources: its files are long enough that the words decide.
 */
class CommentedFunctionTest {
    @TempDir
    Path temp;

    private Path workspace() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("webtools"));
        for (String file : new String[] {"pyproject.toml", "webtools/encoding.py", "webtools/html.py"}) {
            try (InputStream in = getClass().getResourceAsStream("/workspaces/commented-function/" + file)) {
                write(ws, file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return ws;
    }

    @Test
    void theDeclaringFileIsThePlaceNotTheOneMentioningItInAComment() throws Exception {
        assertThat(located("`get_meta_refresh` must decode character references inside the meta tag before reading it: "
                + "`<meta http-equiv=\"refresh\" content=\"3; url=&#39;http://www.example.com/other&#39;\">` gives "
                + "`(3.0, 'http://www.example.com/other')`", facts(workspace()))).containsExactly("webtools/html.py");
    }
}
