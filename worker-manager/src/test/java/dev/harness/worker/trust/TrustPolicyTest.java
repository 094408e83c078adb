package dev.harness.worker.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.worker.Fixtures;
import dev.harness.worker.InvalidFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPolicyTest {
    @TempDir
    Path tmp;

    private TrustPolicy policy(String yaml) throws Exception {
        return TrustPolicy.load(Fixtures.write(tmp.resolve("policy.yaml"), yaml), tmp.resolve("home"));
    }

    @Test
    void rootsMatchByWholePathComponents() throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("a/proj"));
        TrustPolicy policy = policy("trusted_roots: [\"" + proj + "\"]\n");
        assertThat(policy.evaluate(proj).kind()).isEqualTo(TrustPolicy.Verdict.Kind.TRUSTED);
        assertThat(policy.evaluate(Files.createDirectories(proj.resolve("src/x"))).kind()).isEqualTo(TrustPolicy.Verdict.Kind.TRUSTED);
        assertThat(policy.evaluate(Files.createDirectories(tmp.resolve("a/project2"))).kind())
                .isEqualTo(TrustPolicy.Verdict.Kind.REQUIRES_APPROVAL);
        assertThat(policy.evaluate(Files.createDirectories(tmp.resolve("a/pro"))).kind())
                .isEqualTo(TrustPolicy.Verdict.Kind.REQUIRES_APPROVAL);
        assertThat(policy.evaluate(tmp.resolve("a")).kind()).isEqualTo(TrustPolicy.Verdict.Kind.REQUIRES_APPROVAL);
    }

    @Test
    void aDeniedRootWinsOverATrustedOne() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("work"));
        Path secret = Files.createDirectories(root.resolve("secret/inner"));
        TrustPolicy policy = policy("trusted_roots: [\"" + root + "\", \"" + secret + "\"]\ndenied_roots: [\"" + root.resolve("secret") + "\"]\n");
        TrustPolicy.Verdict verdict = policy.evaluate(secret);
        assertThat(verdict.kind()).isEqualTo(TrustPolicy.Verdict.Kind.DENIED);
        assertThat(verdict.root()).isEqualTo(root.resolve("secret").toRealPath().toString());
        assertThat(policy.evaluate(root).kind()).isEqualTo(TrustPolicy.Verdict.Kind.TRUSTED);
    }

    @Test
    void symlinksAreResolvedOnBothSides() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/proj"));
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("link-root"), tmp.resolve("real"));
        TrustPolicy policy = policy("trusted_roots: [\"" + linkedRoot + "\"]\n");
        assertThat(policy.evaluate(real).kind()).isEqualTo(TrustPolicy.Verdict.Kind.TRUSTED);
        Path escape = Files.createSymbolicLink(real.resolve("escape"), Files.createDirectories(tmp.resolve("elsewhere")));
        assertThat(policy.evaluate(escape).kind()).isEqualTo(TrustPolicy.Verdict.Kind.REQUIRES_APPROVAL);
    }

    @Test
    void tildeExpandsAndTheDefaultCanDeny() throws Exception {
        Path code = Files.createDirectories(tmp.resolve("home/code/app"));
        TrustPolicy policy = policy("trusted_roots: [\"~/code\"]\ndefault: deny\n");
        assertThat(policy.evaluate(code).kind()).isEqualTo(TrustPolicy.Verdict.Kind.TRUSTED);
        assertThat(policy.evaluate(Files.createDirectories(tmp.resolve("other"))).kind()).isEqualTo(TrustPolicy.Verdict.Kind.DENIED);
        assertThat(TrustPolicy.empty().evaluate(code).kind()).isEqualTo(TrustPolicy.Verdict.Kind.REQUIRES_APPROVAL);
    }

    @Test
    void aRootThatDoesNotExistYetStillCovers() throws Exception {
        TrustPolicy policy = policy("denied_roots: [\"" + tmp.resolve("later") + "\"]\n");
        Path created = Files.createDirectories(tmp.resolve("later/x"));
        assertThat(policy.evaluate(created).kind()).isEqualTo(TrustPolicy.Verdict.Kind.DENIED);
    }

    @Test
    void anInvalidPolicyIsRefused() {
        assertThatThrownBy(() -> policy("trusted_roots: /just/a/string\n")).isInstanceOf(InvalidFile.class)
                .hasMessageContaining("trusted_roots");
        assertThatThrownBy(() -> policy("trusted: [/x]\n")).isInstanceOf(InvalidFile.class);
        assertThatThrownBy(() -> policy("default: allow\n")).isInstanceOf(InvalidFile.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "trusted_roots: [\".\"]          | trusted_roots[0] '.' is relative",
            "trusted_roots: [\"src/app\"]    | trusted_roots[0] 'src/app' is relative",
            "trusted_roots: [\"\"]           | /trusted_roots/0 must be at least 1",
            "trusted_roots: [\"  \"]         | trusted_roots[0] is empty",
            "denied_roots: [\"/ok\", \"..\"] | denied_roots[1] '..' is relative",
            "denied_roots: [\"~user/x\"]     | denied_roots[0] '~user/x' is relative",
    })
    void relativeOrEmptyRootsAreRefusedAtLoad(String yaml, String message) {
        assertThatThrownBy(() -> policy(yaml + "\n")).isInstanceOf(InvalidFile.class).hasMessageContaining(message)
                .hasMessageContaining("policy.yaml");
    }

    @Test
    void theLocationIsFlagThenUserConfigNeverTheWorkspace() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        assertThat(TrustPolicyLocation.resolve(null, Map.of(), home)).isEmpty();
        Path user = Fixtures.write(home.resolve(".config/harness/trust-policy.yaml"), "{}\n");
        assertThat(TrustPolicyLocation.resolve(null, Map.of(), home)).contains(user);
        Path xdg = Fixtures.write(tmp.resolve("xdg/harness/trust-policy.json"), "{}\n");
        assertThat(TrustPolicyLocation.resolve(null, Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString()), home)).contains(xdg);
        assertThat(TrustPolicyLocation.resolve("/etc/named.yaml", Map.of(), home)).contains(Path.of("/etc/named.yaml"));
    }

    @Test
    void theShippedExamplesAreValid() throws Exception {
        Path examples = Path.of(System.getProperty("user.dir")).resolve("../examples/trust");
        try (var files = Files.list(examples)) {
            List<Path> list = files.toList();
            assertThat(list).isNotEmpty();
            for (Path file : list) {
                assertThat(TrustPolicy.load(file, tmp).source()).isEqualTo(file.toString());
            }
        }
    }
}
