package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.Phase;
import dev.harness.protocol.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The progress line each phase's artifacts (as the bootstrap service reports them) make. */
class BootstrapFactsTest {
    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            cli_entry | {"git":{"available":true,"repository":true,"branch":"main","clean":true},"agent":{"preset":"claude","credentials":[{"name":"ANTHROPIC_API_KEY","present":false}],"credentials_present":false}} | git main (clean); agent claude, credentials MISSING
            cli_entry | {"git":{"repository":true,"branch":"dev","dirty":true},"agent":{"preset":"custom","credentials":[]}} | git dev (dirty: each task starts from the last commit, without your uncommitted changes); agent custom
            cli_entry | {"git":{"repository":true,"branch":"dev","dirty":true},"agent":{"preset":"none","credentials":[]}} | git dev (dirty); agent none
            cli_entry | {"git":{"available":true,"repository":false}} | not a git repository
            system_prompt_fastpath | {"files":[{"path":"AGENTS.md","included":true},{"path":".claude/settings.json","kind":"settings","included":false},{"path":"CLAUDE.md"}],"prompt":{"path":"/r/prompt.md","size_bytes":993}} | instructions: AGENTS.md, CLAUDE.md; prompt 993 bytes
            system_prompt_fastpath | {"files":[]} | no instruction files
            mcp_fastpath | {"servers":[{"name":"tools","probed":true,"ok":true,"tool_count":2},{"name":"db","probed":true,"ok":false,"error":"exited 1"},{"name":"web","probed":false,"ok":true,"skipped":"not started"}]} | MCP: tools ✓ 2 tools, db ✗, web (not started until the workspace is trusted)
            mcp_fastpath | {"servers":[]} | no MCP servers configured
            daemon_worker_fastpath | {"commands":[{"role":"agent","command":"claude","found":true,"answered":true},{"role":"acceptance_shell","command":"sh","found":true,"answered":false},{"role":"setup","command":"npm","found":false}],"writable":[{"path":"src","writable":true},{"path":"dist","writable":false}]} | agent claude ok; acceptance_shell sh did not answer; setup npm NOT FOUND; 1/2 paths writable
            main_runtime | {"ready":true,"report_path":"/r/bootstrap-report.json"} | ready; report /r/bootstrap-report.json
            main_runtime | {"ready":false} | ''
            cli_entry | {"git":"not an object"} | ''
            """)
    void eachPhaseSaysWhatItFoundInOneLine(String phase, String artifacts, String line) throws Exception {
        assertThat(BootstrapFacts.of(Phase.fromWire(phase), (ObjectNode) Json.parse(artifacts))).isEqualTo(line);
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            system_prompt_fastpath | {"files":[]} | no instruction files apply to /w (looked for AGENTS.md, CLAUDE.md from /w down) | true
            mcp_fastpath | {"servers":[]} | no MCP configuration (.mcp.json) from /w up to /w; the agent gets no MCP servers | true
            system_prompt_fastpath | {"files":[{"path":"AGENTS.md","included":true}]} | instruction file AGENTS.md is 90000 bytes; only the first 65536 are used | false
            mcp_fastpath | {"servers":[]} | malformed .mcp.json: expected an object | false
            mcp_fastpath | {"servers":[{"name":"db","probed":true,"ok":false}]} | no MCP configuration (.mcp.json) from /w up to /w; the agent gets no MCP servers | false
            cli_entry | {"git":{"repository":false}} | no instruction files apply to /w | false
            """)
    void aNoteThatOnlyRepeatsTheAbsenceThePhaseLineSaysIsLeftOffTheConsole(String phase, String artifacts, String diagnostic,
                                                                            boolean restates) throws Exception {
        assertThat(BootstrapFacts.restatesTheLine(Phase.fromWire(phase), (ObjectNode) Json.parse(artifacts), diagnostic))
                .isEqualTo(restates);
    }
}
