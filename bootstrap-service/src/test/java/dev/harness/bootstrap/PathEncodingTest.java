package dev.harness.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A path no file system can name is the client's mistake: -32602 naming the field, never an internal error. */
class PathEncodingTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL             | "cwd": "/tmp/a\\u0000b"                                    | /context/cwd
            lone surrogate  | "cwd": "/tmp/a\\ud800b"                                    | /context/cwd
            low surrogate   | "cwd": "/tmp/\\udc00"                                      | /context/cwd
            NUL             | "cwd": ".", "run_dir": "state\\u0000"                      | /context/run_dir
            lone surrogate  | "cwd": ".", "instruction_files": ["ok.md", "x\\ud800.md"]  | /context/instruction_files/1
            NUL             | "cwd": ".", "write_paths": ["a\\u0000"]                    | /context/write_paths/0
            """)
    void unencodablePathsAreInvalidParams(String what, String contextFields, String pointer) {
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()), tmp);
        session.exchange("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"execute_phase\",\"params\":{\"phase\":\"cli_entry\","
                + "\"context\":{" + contextFields + "}}}");
        JsonNode error = session.response().get("error");
        assertThat(error).as(session.rawLines.toString()).isNotNull();
        assertThat(error.get("code").asInt()).isEqualTo(-32602);
        assertThat(error.toString()).contains(pointer);
    }

    @ParameterizedTest
    @CsvSource({"dashbord-日本語", "café", "emoji-🎉"})
    void nonAsciiPathsWork(String name) throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve(name));
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        JsonNode result = session.result("execute_phase", ServiceSession.phase("cli_entry", Workspaces.context(repo)));
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.at("/artifacts/git/top_level").asText()).isEqualTo(repo.toRealPath().toString());
    }
}
