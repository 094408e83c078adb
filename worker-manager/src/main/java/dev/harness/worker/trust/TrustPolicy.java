package dev.harness.worker.trust;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import dev.harness.protocol.Violation;
import dev.harness.worker.InvalidFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which workspaces may run without asking (schemas/trust-policy.schema.json). Roots and the
 * workspace are canonicalised (~ expanded, symlinks resolved) and compared by whole path
 * components, so /home/a/proj covers /home/a/proj/src but not /home/a/project2. A denied root
 * wins over a trusted one.
 */
public final class TrustPolicy {
    public enum Default { REQUIRE_APPROVAL, DENY }

    /** The verdict for one workspace and the root (if any) that decided it. */
    public record Verdict(Kind kind, String root, String reason) {
        public enum Kind { TRUSTED, DENIED, REQUIRES_APPROVAL }
    }

    private final List<Path> trusted;
    private final List<Path> denied;
    private final Default fallback;
    private final String source;

    private TrustPolicy(List<Path> trusted, List<Path> denied, Default fallback, String source) {
        this.trusted = List.copyOf(trusted);
        this.denied = List.copyOf(denied);
        this.fallback = fallback;
        this.source = source;
    }

    /** No policy file: every workspace needs an explicit approval. */
    public static TrustPolicy empty() {
        return new TrustPolicy(List.of(), List.of(), Default.REQUIRE_APPROVAL, "no trust policy file");
    }

    /** A policy file as schemas/trust-policy.schema.json describes it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    private record Document(List<String> trustedRoots, List<String> deniedRoots,
                            @JsonProperty("default") String fallback) {}

    public static TrustPolicy load(Path file, Path home) throws InvalidFile {
        JsonNode document = readConfig(file);
        List<Violation> violations = SchemaCatalog.shared().named("trust-policy").validate(document);
        if (!violations.isEmpty()) {
            throw new InvalidFile(file + " is not a valid trust policy: " + violations.get(0).path() + " "
                    + violations.get(0).message());
        }
        Document policy = Json.convert(document, Document.class); // its form already checked by the schema
        List<Path> trusted = roots(policy.trustedRoots(), "trusted_roots", file, home);
        List<Path> denied = roots(policy.deniedRoots(), "denied_roots", file, home);
        Default fallback = "deny".equals(policy.fallback()) ? Default.DENY : Default.REQUIRE_APPROVAL;
        return new TrustPolicy(trusted, denied, fallback, file.toString());
    }

    /**
     * A root must name one place whoever reads the policy: absolute, or under ~. A relative entry
     * ("." or "src") would be resolved against wherever the service happened to start, so
     * {@code trusted_roots: ["."]} trusted every workspace; an empty one would be that, too.
     */
    private static List<Path> roots(List<String> entries, String field, Path file, Path home) throws InvalidFile {
        List<Path> roots = new ArrayList<>();
        int index = 0;
        for (String text : entries == null ? List.<String>of() : entries) {
            String where = file + ": " + field + "[" + index++ + "]";
            if (text.isBlank()) {
                throw new InvalidFile(where + " is empty; a root must be an absolute path or start with ~/");
            }
            String expanded = text.strip();
            boolean underHome = expanded.equals("~") || expanded.startsWith("~/");
            boolean absolute;
            try {
                absolute = Path.of(expanded).isAbsolute();
            } catch (java.nio.file.InvalidPathException e) {
                throw new InvalidFile(where + " '" + text + "' is not a usable path: " + e.getMessage());
            }
            if (!underHome && !absolute) {
                throw new InvalidFile(where + " '" + text + "' is relative; a root must be an absolute path or start"
                        + " with ~/ (a relative root would be resolved against wherever the worker manager started)");
            }
            roots.add(canonical(expanded, home));
        }
        return roots;
    }

    public String source() {
        return source;
    }

    /** The verdict for a workspace, which should already be a real path (it is resolved again here). */
    public Verdict evaluate(Path workspace) {
        Path real = realOrNormal(workspace);
        Optional<Path> deniedBy = denied.stream().filter(real::startsWith).findFirst();
        if (deniedBy.isPresent()) {
            return new Verdict(Verdict.Kind.DENIED, deniedBy.get().toString(),
                    real + " is under the denied root " + deniedBy.get() + " (" + source + ")");
        }
        Optional<Path> trustedBy = trusted.stream().filter(real::startsWith).findFirst();
        if (trustedBy.isPresent()) {
            return new Verdict(Verdict.Kind.TRUSTED, trustedBy.get().toString(),
                    real + " is under the trusted root " + trustedBy.get() + " (" + source + ")");
        }
        if (fallback == Default.DENY) {
            return new Verdict(Verdict.Kind.DENIED, null,
                    real + " is under no trusted root and the policy's default is deny (" + source + ")");
        }
        return new Verdict(Verdict.Kind.REQUIRES_APPROVAL, null,
                real + " is under no trusted root (" + source + "); an explicit approval is required");
    }

    /** ~ expansion, absolute, symlinks resolved when the path exists (normalised otherwise). */
    static Path canonical(String text, Path home) {
        String expanded = text.equals("~") ? home.toString()
                : text.startsWith("~/") ? home.resolve(text.substring(2)).toString() : text;
        return realOrNormal(Path.of(expanded));
    }

    public static Path realOrNormal(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            // A root that does not exist yet still protects what is created there later. Resolve
            // the part that exists so a symlinked parent still compares correctly.
            Path existing = absolute;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return absolute;
            }
            try {
                return existing.toRealPath().resolve(existing.relativize(absolute));
            } catch (IOException again) {
                return absolute;
            }
        }
    }

    /** A YAML or JSON configuration file as a JSON tree; its problems (file:line) as an InvalidFile. */
    private static com.fasterxml.jackson.databind.JsonNode readConfig(java.nio.file.Path file) throws InvalidFile {
        try {
            return dev.harness.protocol.json.YamlReader.read(file);
        } catch (dev.harness.protocol.json.YamlReader.YamlException e) {
            throw new InvalidFile(e.getMessage());
        }
    }
}
