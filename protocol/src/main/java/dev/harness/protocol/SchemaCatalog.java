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
import java.util.function.Supplier;

/**
 * Compiles and applies the suite's JSON Schemas (draft 2020-12). Schemas are identified by
 * {@value #BASE} IRIs, which resolve to the copies of schemas/ and contracts/ packaged on the
 * class path, so a relative {@code $ref: ../schemas/x.schema.json} inside a contract works
 * without any network.
 *
 * <p>Two validators, one verdict (issue 15): every message is first judged by its
 * {@link QuickSchema} (plain checks, compiled from the same packaged schema the first time it is
 * used); only a message it does not call valid goes to networknt, which is loaded, configured and
 * compiles that schema on first need, and whose violations are what callers see. A service whose
 * messages are all valid never loads networknt.
 */
public final class SchemaCatalog {
    public static final String BASE = "https://harness.dev/";

    private static final SchemaCatalog SHARED = new SchemaCatalog();

    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final QuickSchemaCompiler quick = new QuickSchemaCompiler(this::packagedDocument);
    private final Map<String, CompiledSchema> schemas = new ConcurrentHashMap<>();

    private SchemaCatalog() {}

    /** networknt, configured once, on the first message a quick check does not accept. */
    private static final class Networknt {
        static final SchemaRegistry REGISTRY = registry();
        static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

        private static SchemaRegistry registry() {
            SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .locale(Locale.ENGLISH)
                    // java.util.regex: about 6x faster per match than the default ECMAScript engine, and
                    // the suite's patterns use only syntax both agree on.
                    .regularExpressionFactory(JDKRegularExpressionFactory.getInstance())
                    .build();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                    .schemaRegistryConfig(config)
                    .schemas(Networknt::packagedSchema));
        }

        /** The text of a packaged schema for networknt, annotations stripped; null for any other IRI (nothing is fetched). */
        private static String packagedSchema(String iri) {
            JsonNode document = SHARED.packagedDocument(withoutFragment(iri));
            return document == null ? null : Json.write(SchemaAnnotations.strip(document));
        }

        static Schema named(String iri) {
            return COMPILED.computeIfAbsent(iri, key -> REGISTRY.getSchema(SchemaLocation.of(key)));
        }

        static Schema embedded(String key, JsonNode schema) {
            return COMPILED.computeIfAbsent(key, k -> REGISTRY.getSchema(SchemaLocation.of(k), SchemaAnnotations.strip(schema)));
        }
    }

    private static String withoutFragment(String iri) {
        int fragment = iri.indexOf('#');
        return fragment >= 0 ? iri.substring(0, fragment) : iri;
    }

    /**
     * A schema document the suite ships, for an IRI under {@value #BASE}: read from the class path
     * (the build packages schemas/ and contracts/ there) once. Null for any other IRI.
     */
    private JsonNode packagedDocument(String iri) {
        if (!iri.startsWith(BASE)) {
            return null;
        }
        JsonNode known = documents.get(iri);
        if (known != null) {
            return known;
        }
        String resource = iri.substring(BASE.length());
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            JsonNode document = Json.MAPPER.readTree(in);
            documents.putIfAbsent(iri, document);
            return document;
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
        return schemas.computeIfAbsent(iri, key -> new CompiledSchema(key, () -> quick.document(key), () -> Networknt.named(key)));
    }

    /**
     * A schema embedded in a document (a contract): {@code documentIri} is the document's IRI, used
     * to resolve relative references, and {@code pointer} where in it the schema sits.
     */
    public CompiledSchema embedded(String documentIri, String pointer, JsonNode schema) {
        String key = documentIri + "#" + pointer;
        return schemas.computeIfAbsent(key, k -> new CompiledSchema(k, () -> quick.embedded(documentIri, pointer, schema),
                () -> Networknt.embedded(k, schema)));
    }

    /** A compiled schema with a stable name for messages. */
    public static final class CompiledSchema {
        private final String iri;
        private final QuickSchema.Check quickCheck;
        /** Why there is no quick check (a keyword it does not know): such a schema is networknt's alone. */
        private final RuntimeException quickRefusal;
        private final Supplier<Schema> networknt;
        private volatile Schema full;

        private CompiledSchema(String iri, Supplier<QuickSchema.Check> quickCompile, Supplier<Schema> networknt) {
            this.iri = iri;
            this.networknt = networknt;
            QuickSchema.Check check = null;
            RuntimeException refusal = null;
            try {
                check = quickCompile.get();
            } catch (QuickSchemaCompiler.UnsupportedKeyword e) {
                refusal = e;
            }
            this.quickCheck = check;
            this.quickRefusal = refusal;
        }

        public String iri() {
            return iri;
        }

        /** The quick check's verdict alone (tests compare it with networknt's). */
        QuickSchema.Verdict quickVerdict(JsonNode instance) {
            if (quickCheck == null) {
                throw new IllegalStateException("no quick check for " + iri, quickRefusal);
            }
            return quickCheck.judge(instance);
        }

        /** networknt's violations alone, whatever the quick check says (tests compare the verdicts). */
        List<Violation> fullValidate(JsonNode instance) {
            Schema schema = full;
            if (schema == null) {
                schema = networknt.get();
                full = schema;
            }
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

        public List<Violation> validate(JsonNode instance) {
            if (quickCheck != null && quickCheck.judge(instance) == QuickSchema.Verdict.VALID) {
                return List.of();
            }
            return fullValidate(instance);
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
