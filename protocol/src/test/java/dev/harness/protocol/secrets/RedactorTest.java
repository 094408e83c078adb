package dev.harness.protocol.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
    private static final String ANTHROPIC = "sk-ant-api03-Zx9QwErTyUiOp1234567890abcdEFGH";
    private static final String GITHUB = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    private static final String DB_PASSWORD = "correct horse battery";
    private static final Map<String, String> ENV = Map.of(
            "ANTHROPIC_API_KEY", ANTHROPIC,
            "GH_TOKEN", GITHUB,
            "DB_PASSWORD", DB_PASSWORD,
            "MY_SERVICE_KEY", "plainvalue42",
            "FEATURE_KEY", "1",
            "HOME", "/home/someone",
            "PATH", "/usr/bin:/bin");

    private final Redactor redactor = Redactor.withRules(UserSecretRules.none()).withEnvironment(ENV);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            github classic token            | push with ghp_1234567890abcdefghijABCDEFGHIJ1234 now       | push with *** now
            github fine-grained token       | github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz | ***
            github oauth token              | x gho_16C7e42F292c6912E7710c838347Ae178B4a y              | x *** y
            openai key                      | key sk-proj-abcdefghijklmnop1234567890 end                | key *** end
            anthropic key                   | sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123                | ***
            slack token                     | xoxb-123456789012-abcdefghijkl                            | ***
            aws access key id               | id AKIAIOSFODNN7EXAMPLE.                                  | id ***.
            jwt                             | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U | ***
            url password                    | connect postgres://u:pw4567@h/db failed                   | connect postgres://u:***@h/db failed
            url query key                   | https://example.invalid/mcp?api_key=qk-998877&x=1          | https://example.invalid/mcp?api_key=***&x=1
            url query token second          | https://h/p?a=1&access_token=abcdef                       | https://h/p?a=1&access_token=***
            option with equals              | --token=s3cr3tvalue                                       | --token=***
            option with space               | run --api-key s3cr3tvalue --verbose                       | run --api-key *** --verbose
            assignment                      | PASSWORD=hunter22 ./run                                   | PASSWORD=*** ./run
            json field                      | {"client_secret": "abcdef123"}                            | {"client_secret": "***"}
            bearer header                   | Authorization: Bearer abc.def.ghi123                     | Authorization: Bearer ***
            reference is not a secret       | token=${GITHUB_TOKEN}                                      | token=${GITHUB_TOKEN}
            a word is not a token           | the task-runner-with-a-long-name ran                       | the task-runner-with-a-long-name ran
            sk- word without digits          | sk-this-is-just-a-long-word-here                          | sk-this-is-just-a-long-word-here
            plain prose                      | 3 tokens passed, key points: none                        | 3 tokens passed, key points: none
            ssh url user is kept            | ssh://git@github.com/o/r.git                              | ssh://git@github.com/o/r.git
            """)
    void masksShapesAndContexts(String name, String input, String expected) {
        assertThat(Redactor.builtIn().redact(input)).isEqualTo(expected);
    }

    @Test
    void masksEnvironmentValuesInsideLongerText() {
        String text = "echo key=" + ANTHROPIC + "; gh=" + GITHUB + "x; pw '" + DB_PASSWORD + "' svc:plainvalue42:";
        String masked = redactor.redact(text);
        assertThat(masked).doesNotContain(ANTHROPIC, GITHUB, DB_PASSWORD, "plainvalue42")
                .contains("svc:***:");
    }

    @Test
    void shortValuesAndOrdinaryVariablesAreNotMasked() {
        assertThat(redactor.redact("retry 1 time in /home/someone with /usr/bin:/bin")).isEqualTo(
                "retry 1 time in /home/someone with /usr/bin:/bin");
    }

    @Test
    void masksBase64OfValuesAtEveryAlignmentInBothAlphabets() {
        for (String prefix : List.of("", "a", "ab", "abc")) {
            byte[] bytes = (prefix + "plainvalue42" + "!?>").getBytes(StandardCharsets.UTF_8);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.encodeToString(bytes);
                String masked = redactor.redact("Basic-ish " + encoded);
                assertThat(masked).as(prefix + " " + encoded).contains(Redactor.MASK);
                // Decoding whatever survives cannot give the value back.
                assertThat(masked).doesNotContain(encoded);
            }
        }
        assertThat(redactor.redact(Base64.getEncoder().encodeToString(DB_PASSWORD.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Redactor.MASK);
    }

    @Test
    void masksUrlEncodedAndJsonEscapedValues() {
        Redactor r = Redactor.builtIn().withValues(List.of("p@ss w\"rd/1"));
        assertThat(r.redact("x=p%40ss+w%22rd%2F1 y=p%40ss%20w%22rd%2F1 z=\"p@ss w\\\"rd/1\""))
                .isEqualTo("x=*** y=*** z=\"***\"");
    }

    @Test
    void theMaskCarriesNothingOfTheSecret() {
        Redactor.Redacted result = redactor.redactCounting("a " + ANTHROPIC + " b " + GITHUB + " c " + DB_PASSWORD);
        assertThat(result.text()).isEqualTo("a *** b *** c ***");
        assertThat(result.masked()).isEqualTo(3);
    }

    @Test
    void configSecretsAreMaskedWhereverTheyAppear() throws IOException {
        JsonNode config = Json.parse("""
                {"mcpServers": {
                  "db": {"command": "db-mcp", "args": ["--password", "argpass991", "--api-key=argkey7788", "--port", "5432"],
                         "env": {"DB_URL": "postgres://u:envpw@h/db", "REGION": "eu-west-1x"}},
                  "remote": {"type": "http", "url": "https://x/mcp",
                             "headers": {"Authorization": "Bearer hdrtoken55", "X-Tenant": "tenant-7788"}},
                  "vs": {"inputs": [{"id": "k", "password": true, "default": "markedsecret1"}]}
                }}""");
        Redactor r = Redactor.builtIn().withConfig(config);
        String text = "argpass991 argkey7788 envpw eu-west-1x hdrtoken55 tenant-7788 markedsecret1 5432";
        assertThat(r.redact(text)).isEqualTo("*** *** envpw *** *** *** *** 5432");
        // an env value is masked whole; envpw alone is too short to be masked as a value, but masked by its place in a URL
        assertThat(r.redact("postgres://u:envpw@h/db")).isEqualTo("***");
        assertThat(r.redact("postgres://u:envpw@h/other")).isEqualTo("postgres://u:***@h/other");
    }

    @Test
    void jsonIsMaskedByStructureAndText() throws IOException {
        JsonNode node = Json.parse("""
                {"name": "db", "env": {"A": "value-of-a", "B": "1"}, "apiKey": "k-123456", "env_keys": ["API_TOKEN"],
                 "args": ["--token", "tok-98765", "--port", "80"], "note": "uses %s"}""".formatted(GITHUB));
        JsonNode masked = redactor.redactJson(node);
        assertThat(Json.write(masked)).isEqualTo(
                "{\"name\":\"db\",\"env\":{\"A\":\"***\",\"B\":\"1\"},\"apiKey\":\"***\",\"env_keys\":[\"API_TOKEN\"],"
                        + "\"args\":[\"--token\",\"***\",\"--port\",\"80\"],\"note\":\"uses ***\"}");
        assertThat(node.path("apiKey").asText()).isEqualTo("k-123456"); // a copy: the input is untouched
    }

    @Test
    void argumentListsMaskTheValueAfterASecretOption() {
        assertThat(Redactor.builtIn().redactArguments(List.of("srv", "--token", "abcdefg", "--name", "x", "--password=pw123456")))
                .containsExactly("srv", "--token", "***", "--name", "x", "--password=***");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            GITHUB_TOKEN, true
            GH_TOKEN, true
            ANTHROPIC_API_KEY, true
            OPENAI_API_KEY, true
            AWS_SECRET_ACCESS_KEY, true
            DB_PASSWORD, true
            PASSWORD_FILE_CONTENT, true
            my_service_secret, true
            NPM_TOKEN, true
            PATH, false
            PWD, false
            SSH_AUTH_SOCK, false
            KEYBOARD_LAYOUT, false
            AWS_ACCESS_KEY_ID, false
            HARNESS_SECRET_NAMES, false
            TOKENIZER_PATH, false
            """)
    void secretVariableNames(String name, boolean secret) {
        assertThat(SecretNames.builtIn().isSecretVariable(name)).isEqualTo(secret);
    }

    @Test
    void userRulesComeFromTheUsersConfigAndEnvironment(@TempDir Path home) throws IOException {
        Path config = home.resolve(".config/harness");
        Files.createDirectories(config);
        Files.writeString(config.resolve("secrets.yaml"), """
                names: ["*_CRED"]
                patterns: ["corp_[a-z]{8}"]
                """);
        Map<String, String> env = Map.of("ACME_CRED", "acme-cred-value", "ACME_PHRASE", "phrase-value",
                "HARNESS_SECRET_NAMES", "*_PHRASE", "HARNESS_SECRET_PATTERNS", "int-[0-9]{6}");
        Redactor r = Redactor.forEnvironment(env, home);
        assertThat(r.redact("acme-cred-value phrase-value corp_abcdefgh int-123456 fine"))
                .isEqualTo("*** *** *** *** fine");
    }

    @Test
    void anInvalidUserPatternIsSkippedNotFatal(@TempDir Path home) {
        Redactor r = Redactor.forEnvironment(Map.of("HARNESS_SECRET_PATTERNS", "([unclosed"), home);
        assertThat(r.redact("token=abcdef")).isEqualTo("token=***");
    }

    @Test
    void aWriterMasksSecretsSplitAtEveryPosition() throws IOException {
        String text = "line one\nexport KEY=" + ANTHROPIC + " and " + DB_PASSWORD + "\nurl https://u:pwpwpw@h/x " + GITHUB + "\n"
                + "tail plainvalue42";
        String expected = redactor.redact(text);
        assertThat(expected).doesNotContain(ANTHROPIC, DB_PASSWORD, GITHUB, "pwpwpw", "plainvalue42");
        for (int split = 0; split <= text.length(); split++) {
            StringWriter sink = new StringWriter();
            try (Writer writer = redactor.mask(sink)) {
                writer.write(text.substring(0, split));
                writer.flush();
                writer.write(text.substring(split));
            }
            assertThat(sink.toString()).as("split at " + split).isEqualTo(expected);
        }
    }

    @Test
    void aWriterReleasesWholeLinesAtOnceAndHoldsBackTheRest() throws IOException {
        StringWriter sink = new StringWriter();
        MaskingWriter writer = redactor.mask(sink);
        writer.write("first " + GITHUB + "\nsecond half-");
        writer.flush();
        assertThat(sink.toString()).isEqualTo("first ***\n");
        writer.write(DB_PASSWORD.substring(0, 4));
        writer.write(DB_PASSWORD.substring(4) + "\n");
        assertThat(sink.toString()).isEqualTo("first ***\nsecond half-***\n");
        writer.close();
        assertThat(writer.masked()).isEqualTo(2);
    }

    @Test
    void aStreamMasksByteByByteWritesAndMultibyteCharacters() throws IOException {
        String text = "héllo 日本 " + ANTHROPIC + " 🎉 done " + GITHUB;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = redactor.mask(sink)) {
            for (byte b : bytes) {
                out.write(b);
            }
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("héllo 日本 *** 🎉 done ***");
    }

    @Test
    void aLongStreamWithoutLineBreaksIsMaskedWithABoundedHoldBack() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("chunk").append(i).append(i % 97 == 0 ? DB_PASSWORD : "").append(' ');
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = redactor.mask(sink);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += 1000) {
            out.write(bytes, at, Math.min(1000, bytes.length - at));
        }
        assertThat(sink.size()).as("released before close").isGreaterThan(bytes.length / 2);
        out.close();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(redactor.redact(text.toString()))
                .doesNotContain(DB_PASSWORD);
    }

    @Test
    void aMultilineSecretIsMaskedAcrossLineBreaks() throws IOException {
        String key = "-----BEGIN KEY-----\nMIIEabcdefgh\nijklmnop\n-----END KEY-----";
        Redactor r = Redactor.builtIn().withEnvironment(Map.of("DEPLOY_KEY", key));
        StringWriter sink = new StringWriter();
        try (Writer writer = r.mask(sink)) {
            for (String line : ("before\n" + key + "\nafter\n").split("(?<=\n)")) {
                writer.write(line);
            }
        }
        assertThat(sink.toString()).isEqualTo("before\n***\nafter\n");
    }

    /** Whether an environment adds anything to the built-in shapes: a secret value, or a pattern of the person's. */
    @ParameterizedTest
    @CsvSource({
            "PATH, /usr/bin, true",
            "DEPLOY_TOKEN, s3cr3t-value, false",
            "DEPLOY_TOKEN, true, true", // not a secret value
            "HARNESS_SECRET_PATTERNS, corp_[a-z]{8}, false",
            "HARNESS_SECRET_NAMES, MY_CRED, true"})
    void masksOnlyBuiltInShapesUnlessTheEnvironmentAddsToThem(String name, String value, boolean onlyBuiltIn, @TempDir Path home) {
        Redactor redactor = Redactor.forEnvironment(Map.of(name, value), home);
        assertThat(redactor.masksOnlyBuiltInShapes()).isEqualTo(onlyBuiltIn);
        assertThat(redactor.withValues(List.of("another-secret")).masksOnlyBuiltInShapes()).isFalse();
        assertThat(redactor.redact("key: ghp_" + "a".repeat(36))).isEqualTo("key: ***"); // the shapes, compiled on first use
    }
}
