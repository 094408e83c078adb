package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's YAML contract (contracts/NAME.contract.yaml): the methods it answers
 * ({@code input_messages}), the notifications it publishes ({@code output_messages}) and the
 * domain errors it may raise ({@code errors}). Whatever is not here does not exist on the wire.
 */
public final class Contract {
    /** One method: its params schema and its result schema, compiled on first use. */
    public record Method(String name, String description, JsonNode paramsSchema, JsonNode resultSchema) {}

    public record Notification(String name, String description, JsonNode schema) {}

    /** A domain error: a code in -32000…-32099 and what it means. */
    public record DomainError(String name, int code, String description) {}

    private final String service;
    private final String version;
    private final String description;
    private final String documentIri;
    private final Map<String, Method> methods;
    private final Map<String, Notification> notifications;
    private final Map<String, DomainError> errors;
    private final ObjectNode document;
    /** Each message's compiled schema by name: every request asks for two or three (the catalog's key is built per ask). */
    private final Map<String, SchemaCatalog.CompiledSchema> paramsSchemas = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SchemaCatalog.CompiledSchema> resultSchemas = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SchemaCatalog.CompiledSchema> notificationSchemas = new java.util.concurrent.ConcurrentHashMap<>();

    private Contract(ObjectNode document, String documentIri) {
        this.document = document;
        this.documentIri = documentIri;
        this.service = text(document, "service");
        this.version = text(document, "version");
        this.description = document.path("description").asText("");
        Map<String, Method> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("input_messages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode spec = e.getValue();
            if (!spec.has("schema") || !spec.has("response_schema")) {
                throw new IllegalArgumentException("contract " + service + ": method " + e.getKey()
                        + " needs both schema and response_schema");
            }
            m.put(e.getKey(), new Method(e.getKey(), spec.path("description").asText(""),
                    spec.get("schema"), spec.get("response_schema")));
        }
        Map<String, Notification> n = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("output_messages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().has("schema")) {
                throw new IllegalArgumentException("contract " + service + ": notification " + e.getKey() + " needs a schema");
            }
            n.put(e.getKey(), new Notification(e.getKey(), e.getValue().path("description").asText(""), e.getValue().get("schema")));
        }
        Map<String, DomainError> d = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("errors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int code = e.getValue().path("code").asInt(0);
            if (code < JsonRpc.DOMAIN_MIN || code > JsonRpc.DOMAIN_MAX) {
                throw new IllegalArgumentException("contract " + service + ": error " + e.getKey()
                        + " has code " + code + ", outside -32099…-32000");
            }
            d.put(e.getKey(), new DomainError(e.getKey(), code, e.getValue().path("description").asText("")));
        }
        this.methods = Collections.unmodifiableMap(m);
        this.notifications = Collections.unmodifiableMap(n);
        this.errors = Collections.unmodifiableMap(d);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException("contract is missing '" + field + "'");
        }
        return value.asText();
    }

    /**
     * Loads contracts/NAME.contract.yaml from the class path (the build packages the top-level copy),
     * in the JSON form the build writes next to it ({@link ContractJson}) when that is there.
     */
    public static Contract load(String serviceName) {
        // one per service and JVM: a warm server's sessions (and hosted services) share its compiled schemas
        return LOADED.computeIfAbsent(serviceName, Contract::read);
    }

    private static final Map<String, Contract> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Contract read(String serviceName) {
        String resource = "contracts/" + serviceName + ContractJson.YAML_SUFFIX;
        ClassLoader loader = Contract.class.getClassLoader();
        try (InputStream json = loader.getResourceAsStream(ContractJson.resourceFor(resource))) {
            if (json != null) {
                JsonNode node = Json.MAPPER.readTree(json);
                StartupTrace.mark("contract JSON parsed");
                if (!(node instanceof ObjectNode object)) {
                    throw new IllegalStateException("contract " + resource + ": its JSON form is not an object");
                }
                return new Contract(object, SchemaCatalog.BASE + resource);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the JSON form of contract " + resource + ": " + e.getMessage(), e);
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("contract " + resource + " is not on the class path");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), SchemaCatalog.BASE + resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read contract " + resource + ": " + e.getMessage(), e);
        }
    }

    public static Contract parse(Reader yamlText, String documentIri) {
        ObjectNode object = ContractJson.fromYaml(yamlText);
        StartupTrace.mark("contract YAML parsed");
        return new Contract(object, documentIri);
    }

    public String service() {
        return service;
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public String documentIri() {
        return documentIri;
    }

    public Map<String, Method> methods() {
        return methods;
    }

    public Map<String, Notification> notifications() {
        return notifications;
    }

    public Map<String, DomainError> errors() {
        return errors;
    }

    /** The contract as JSON, what {@code rpc.discover} returns. */
    public ObjectNode document() {
        return document.deepCopy();
    }

    public SchemaCatalog.CompiledSchema paramsSchema(String method) {
        return paramsSchemas.computeIfAbsent(method, m -> SchemaCatalog.shared().embedded(documentIri,
                "/input_messages/" + m + "/schema", methods.get(m).paramsSchema()));
    }

    public SchemaCatalog.CompiledSchema resultSchema(String method) {
        return resultSchemas.computeIfAbsent(method, m -> SchemaCatalog.shared().embedded(documentIri,
                "/input_messages/" + m + "/response_schema", methods.get(m).resultSchema()));
    }

    public SchemaCatalog.CompiledSchema notificationSchema(String name) {
        return notificationSchemas.computeIfAbsent(name, n -> SchemaCatalog.shared().embedded(documentIri,
                "/output_messages/" + n + "/schema", notifications.get(n).schema()));
    }

    /** Builds the exception for a declared domain error; an undeclared name is a bug in the service. */
    public RpcException error(String name, String message, JsonNode data) {
        DomainError declared = errors.get(name);
        if (declared == null) {
            throw new IllegalStateException("domain error '" + name + "' is not declared in the " + service + " contract");
        }
        return new RpcException(declared.code(), message, data, name);
    }

    /** The wire form of a thrown {@link dev.harness.protocol.DomainError}; empty when its name is not declared. */
    public java.util.Optional<RpcException> resolve(dev.harness.protocol.DomainError error) {
        DomainError declared = errors.get(error.name());
        return declared == null ? java.util.Optional.empty()
                : java.util.Optional.of(new RpcException(declared.code(), error.getMessage(), error.data(), declared.name()));
    }

    /** The declared name of a domain error code, if this contract declares it. */
    public java.util.Optional<String> errorName(int code) {
        for (DomainError declared : errors.values()) {
            if (declared.code() == code) {
                return java.util.Optional.of(declared.name());
            }
        }
        return java.util.Optional.empty();
    }
}
