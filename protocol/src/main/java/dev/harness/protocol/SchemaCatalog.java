package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.JDKRegularExpressionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and applies the suite's JSON Schemas (draft 2020-12). Schemas are identified by
 * {@value #BASE} IRIs, which resolve to the copies of schemas/ and contracts/ packaged on the
 * class path, so a relative {@code $ref: ../schemas/x.schema.json} inside a contract works
 * without any network. Compilation is lazy: a schema is built the first time it is used.
 */
public final class SchemaCatalog {
    public static final String BASE = "https://harness.dev/";

    private static final SchemaCatalog SHARED = new SchemaCatalog();

    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private SchemaCatalog() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                // java.util.regex: about 6x faster per match than the default ECMAScript engine, and
                // the suite's patterns use only syntax both agree on.
                .regularExpressionFactory(JDKRegularExpressionFactory.getInstance())
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(config)
                .schemas(SchemaCatalog::packagedSchema));
    }

    /**
     * The text of a schema the suite ships, for an IRI under {@value #BASE}: read from the class
     * path (the build packages schemas/ and contracts/ there), annotations stripped. Null for any
     * other IRI, so nothing is ever fetched from the network.
     */
    private static String packagedSchema(String iri) {
        if (!iri.startsWith(BASE)) {
            return null;
        }
        String resource = iri.substring(BASE.length());
        int fragment = resource.indexOf('#');
        if (fragment >= 0) {
            resource = resource.substring(0, fragment);
        }
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return Json.write(SchemaAnnotations.strip(Json.MAPPER.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read packaged schema " + resource, e);
        }
    }

    public static SchemaCatalog shared() {
        return SHARED;
    }

    /** A schema file of schemas/, by name: {@code task-packet} → schemas/task-packet.schema.json. */
    public CompiledSchema named(String name) {
        String iri = BASE + "schemas/" + name + ".schema.json";
        return new CompiledSchema(iri, compiled.computeIfAbsent(iri, key -> registry.getSchema(SchemaLocation.of(key))));
    }

    /**
     * A schema embedded in a document (a contract): {@code documentIri} is the document's IRI, used
     * to resolve relative references, and {@code pointer} where in it the schema sits.
     */
    public CompiledSchema embedded(String documentIri, String pointer, JsonNode schema) {
        String key = documentIri + "#" + pointer;
        return new CompiledSchema(key, compiled.computeIfAbsent(key,
                k -> registry.getSchema(SchemaLocation.of(k), SchemaAnnotations.strip(schema))));
    }

    /** A compiled schema with a stable name for messages. */
    public record CompiledSchema(String iri, Schema schema) {
        public List<Violation> validate(JsonNode instance) {
            List<Error> errors = schema.validate(instance);
            if (errors.isEmpty()) {
                return List.of();
            }
            List<Violation> violations = new ArrayList<>(errors.size());
            for (Error error : errors) {
                String path = error.getInstanceLocation().toString();
                violations.add(new Violation(path.isEmpty() ? "/" : path, messageOf(error)));
            }
            return violations;
        }

        private static String messageOf(Error error) {
            String message = error.getMessage();
            // networknt prefixes some messages with the location; the path is already carried separately.
            String location = error.getInstanceLocation().toString();
            if (!location.isEmpty() && message.startsWith(location + ": ")) {
                return message.substring(location.length() + 2);
            }
            return message;
        }
    }
}
