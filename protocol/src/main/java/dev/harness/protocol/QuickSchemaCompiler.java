package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.QuickSchema.Check;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds {@link QuickSchema} checks from draft 2020-12 schemas, for exactly the keywords the suite's
 * schemas/ and contracts/ use. Any other keyword is refused ({@link UnsupportedKeyword}): a schema
 * using one is validated by networknt alone, and QuickSchemaTest fails on every packaged schema and
 * contract message that would be, so a new keyword cannot pass unchecked. References are resolved
 * against the packaged documents (the same IRIs networknt resolves); each target is compiled once.
 */
final class QuickSchemaCompiler {
    /** A keyword this compiler has no check for. */
    static final class UnsupportedKeyword extends IllegalArgumentException {
        UnsupportedKeyword(String message) {
            super(message);
        }
    }

    /** Keywords that say nothing about validity here ($defs are compiled when a $ref reaches them). */
    private static final Set<String> INERT = Set.of("$schema", "$id", "$comment", "$defs", "description", "title",
            "examples");

    private final Function<String, JsonNode> documents;
    private final Map<String, QuickSchema.Ref> refs = new HashMap<>();

    /** @param documents the root of a document by its IRI (no fragment), null when there is none */
    QuickSchemaCompiler(Function<String, JsonNode> documents) {
        this.documents = documents;
    }

    /** Where a schema sits: the IRI relative references resolve against, and the root a "#…" fragment reads. */
    private record Place(String documentIri, String rootKey, JsonNode root, String pointer) {
        Place at(String child) {
            return new Place(documentIri, rootKey, root, pointer + "/" + child);
        }
    }

    /** A whole document of schemas/ (its root is the schema). */
    synchronized Check document(String iri) {
        JsonNode root = documents.apply(iri);
        if (root == null) {
            throw new IllegalArgumentException("no packaged schema " + iri);
        }
        return ref(iri, iri, root, "");
    }

    /** A schema embedded in a document (a contract's message), "#…" references read from the schema itself as networknt does. */
    synchronized Check embedded(String documentIri, String pointer, JsonNode schema) {
        return compile(schema, new Place(documentIri, documentIri + "#" + pointer, schema, ""));
    }

    private Check ref(String documentIri, String rootKey, JsonNode root, String fragment) {
        String key = rootKey + "|" + fragment;
        QuickSchema.Ref ref = refs.get(key);
        if (ref != null) {
            return ref;
        }
        ref = new QuickSchema.Ref();
        refs.put(key, ref); // before compiling: a recursive reference finds it
        JsonNode target = fragment.isEmpty() ? root : root.at(fragment);
        if (target.isMissingNode()) {
            refs.remove(key);
            throw new IllegalArgumentException("reference " + documentIri + "#" + fragment + " points at nothing");
        }
        try {
            ref.resolve(compile(target, new Place(documentIri, rootKey, root, fragment)));
        } catch (RuntimeException e) {
            refs.remove(key);
            throw e;
        }
        return ref;
    }

    private Check compile(JsonNode schema, Place place) {
        if (schema.isBoolean()) {
            return schema.booleanValue() ? QuickSchema.ACCEPT_ALL : QuickSchema.REJECT_ALL;
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException("not a schema at " + place.documentIri() + "#" + place.pointer());
        }
        List<Check> checks = new ArrayList<>();
        Map<String, Check> properties = new LinkedHashMap<>();
        Check additional = null;
        Check names = null;
        List<String> required = new ArrayList<>();
        Map<String, String[]> dependentRequired = new LinkedHashMap<>();
        boolean objectShape = false;
        Check items = null;
        int minItems = 0;
        int maxItems = Integer.MAX_VALUE;
        boolean unique = false;
        boolean arrayShape = false;
        int minLength = 0;
        int maxLength = Integer.MAX_VALUE;
        boolean length = false;
        Check condition = null;
        Check then = QuickSchema.ACCEPT_ALL;
        Check otherwise = QuickSchema.ACCEPT_ALL;
        Check type = null;
        List<Check> values = new ArrayList<>();
        List<Check> rest = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            Place here = place.at(keyword);
            switch (keyword) {
                case "type" -> {
                    int allowed = 0;
                    if (value.isArray()) {
                        for (JsonNode name : value) {
                            allowed |= QuickSchema.typeBit(name.asText());
                        }
                    } else {
                        allowed = QuickSchema.typeBit(value.asText());
                    }
                    type = new QuickSchema.Type(allowed);
                }
                case "const" -> values.add(new QuickSchema.Const(value));
                case "enum" -> {
                    List<JsonNode> options = new ArrayList<>();
                    value.forEach(options::add);
                    values.add(new QuickSchema.Enum(options.toArray(JsonNode[]::new)));
                }
                case "properties" -> {
                    objectShape = true;
                    for (Iterator<Map.Entry<String, JsonNode>> p = value.fields(); p.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = p.next();
                        properties.put(property.getKey(), compile(property.getValue(), here.at(property.getKey())));
                    }
                }
                case "additionalProperties" -> {
                    objectShape = true;
                    additional = compile(value, here);
                }
                case "propertyNames" -> {
                    objectShape = true;
                    names = compile(value, here);
                }
                case "required" -> {
                    objectShape = true;
                    value.forEach(name -> required.add(name.asText()));
                }
                case "dependentRequired" -> {
                    objectShape = true;
                    for (Iterator<Map.Entry<String, JsonNode>> d = value.fields(); d.hasNext(); ) {
                        Map.Entry<String, JsonNode> dependency = d.next();
                        List<String> needed = new ArrayList<>();
                        dependency.getValue().forEach(name -> needed.add(name.asText()));
                        dependentRequired.put(dependency.getKey(), needed.toArray(String[]::new));
                    }
                }
                case "items" -> {
                    if (!value.isObject() && !value.isBoolean()) {
                        throw unsupported("items as a list (draft-07 tuples)", here);
                    }
                    arrayShape = true;
                    items = compile(value, here);
                }
                case "minItems" -> {
                    arrayShape = true;
                    minItems = count(value, here);
                }
                case "maxItems" -> {
                    arrayShape = true;
                    maxItems = count(value, here);
                }
                case "uniqueItems" -> {
                    arrayShape = true;
                    unique = value.asBoolean();
                }
                case "minLength" -> {
                    length = true;
                    minLength = count(value, here);
                }
                case "maxLength" -> {
                    length = true;
                    maxLength = count(value, here);
                }
                case "pattern" -> rest.add(new QuickSchema.Matches(Pattern.compile(value.asText())));
                case "minimum" -> rest.add(new QuickSchema.Bound(number(value, here), true, false));
                case "exclusiveMinimum" -> rest.add(new QuickSchema.Bound(number(value, here), true, true));
                case "maximum" -> rest.add(new QuickSchema.Bound(number(value, here), false, false));
                case "exclusiveMaximum" -> rest.add(new QuickSchema.Bound(number(value, here), false, true));
                case "if" -> condition = compile(value, here);
                case "then" -> then = compile(value, here);
                case "else" -> otherwise = compile(value, here);
                case "not" -> rest.add(new QuickSchema.Not(compile(value, here)));
                case "allOf" -> rest.add(QuickSchema.allOf(list(value, here)));
                case "anyOf" -> rest.add(new QuickSchema.AnyOf(list(value, here).toArray(Check[]::new)));
                case "oneOf" -> rest.add(new QuickSchema.OneOf(list(value, here).toArray(Check[]::new)));
                case "$ref" -> rest.add(reference(value.asText(), place));
                default -> {
                    if (!INERT.contains(keyword)) {
                        throw unsupported("keyword '" + keyword + "'", here);
                    }
                    if (keyword.equals("$id") && !place.pointer().isEmpty()) {
                        throw unsupported("$id inside a schema", here);
                    }
                }
            }
        }
        // cheap, discriminating checks first: a wrong type or value rejects before any walk
        if (type != null) {
            checks.add(type);
        }
        checks.addAll(values);
        if (length) {
            checks.add(new QuickSchema.Length(minLength, maxLength));
        }
        if (objectShape) {
            checks.add(new QuickSchema.ObjectShape(Map.copyOf(properties), additional, required.toArray(String[]::new),
                    names, Map.copyOf(dependentRequired)));
        }
        if (arrayShape) {
            checks.add(new QuickSchema.ArrayShape(items, minItems, maxItems, unique));
        }
        checks.addAll(rest);
        if (condition != null) {
            checks.add(new QuickSchema.IfThenElse(condition, then, otherwise));
        }
        return QuickSchema.allOf(checks);
    }

    private Check reference(String text, Place place) {
        URI target = URI.create(place.documentIri()).resolve(URI.create(text));
        String fragment = target.getFragment() == null ? "" : target.getFragment();
        String document = target.getScheme() + ":" + target.getRawSchemeSpecificPart();
        if (document.equals(place.documentIri())) {
            return ref(place.documentIri(), place.rootKey(), place.root(), fragment);
        }
        JsonNode root = documents.apply(document);
        if (root == null) {
            throw new IllegalArgumentException("reference " + text + " at " + place.documentIri() + "#" + place.pointer()
                    + ": no packaged schema " + document);
        }
        return ref(document, document, root, fragment);
    }

    private List<Check> list(JsonNode value, Place here) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            checks.add(compile(value.get(i), here.at(Integer.toString(i))));
        }
        return checks;
    }

    private static int count(JsonNode value, Place here) {
        if (!value.canConvertToInt() || value.intValue() < 0) {
            throw unsupported("a count of " + value, here);
        }
        return value.intValue();
    }

    private static BigDecimal number(JsonNode value, Place here) {
        if (!value.isNumber()) {
            throw unsupported("a limit of " + value, here);
        }
        return value.decimalValue();
    }

    private static UnsupportedKeyword unsupported(String what, Place here) {
        return new UnsupportedKeyword(what + " at " + here.documentIri() + "#" + here.pointer() + " has no quick check");
    }
}
