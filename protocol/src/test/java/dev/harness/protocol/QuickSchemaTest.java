package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.QuickSchema.Verdict;
import dev.harness.protocol.SchemaCatalog.CompiledSchema;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quick checks against networknt (issue 15): a quick VALID must be a message networknt finds no
 * violation in, a quick INVALID one it finds some in, on every packaged schema and contract message
 * and a corpus of real messages (examples/, the planning fixtures' golden plans, the modules' test
 * resources, the services' own outputs in schema-corpus/) and their mutations (each field dropped,
 * each value replaced by other types, empty and too long strings, numbers out of range, other enum
 * values that switch if/then branches, an extra property, arrays emptied or with a duplicate).
 * Both validators read the same packaged schema, so there is no generated copy to go stale.
 */
class QuickSchemaTest {
    private static final Path ROOT = Paths.get(System.getProperty("user.dir")).getParent();
    private static final List<String> SERVICES = List.of("planning-service", "bootstrap-service", "worker-manager");

    private static Map<String, CompiledSchema> schemas;
    private static List<JsonNode> corpus;
    private static List<String> enumWords;

    @BeforeAll
    static void load() throws IOException {
        if (schemas != null) {
            return;
        }
        schemas = allSchemas();
        corpus = corpus();
        enumWords = enumWords();
    }

    /** Every schema file and every contract's params, result and notification schema, by a readable name. */
    private static Map<String, CompiledSchema> allSchemas() throws IOException {
        Map<String, CompiledSchema> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("schemas"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replace(".schema.json", "");
                all.put(name, SchemaCatalog.shared().named(name));
            }
        }
        for (String service : SERVICES) {
            Contract contract = Contract.load(service);
            for (String method : contract.methods().keySet()) {
                all.put(service + " " + method + " params", contract.paramsSchema(method));
                all.put(service + " " + method + " result", contract.resultSchema(method));
            }
            for (String notification : contract.notifications().keySet()) {
                all.put(service + " " + notification, contract.notificationSchema(notification));
            }
        }
        return all;
    }

    /** Every JSON document (JSON, JSON lines, YAML) of the corpus and every object and array inside one, once each. */
    private static List<JsonNode> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("examples", "protocol/src/test/resources", "planning-service/src/test/resources",
                "bootstrap-service/src/test/resources", "worker-manager/src/test/resources", "orchestrator/src/test/resources")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("node_modules"))
                        .filter(p -> p.toString().matches(".*\\.(json|jsonl|yaml|yml)$"))
                        .sorted().forEach(files::add);
            }
        }
        Set<JsonNode> values = new LinkedHashSet<>();
        for (Path file : files) {
            for (JsonNode document : documents(file)) {
                subtrees(document, values);
            }
        }
        assertThat(values).as("corpus").hasSizeGreaterThan(500);
        return List.copyOf(values);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        String name = file.getFileName().toString();
        List<JsonNode> documents = new ArrayList<>();
        try {
            if (name.endsWith(".jsonl")) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        documents.add(Json.parse(line));
                    }
                }
            } else if (name.endsWith(".json")) {
                documents.add(Json.parse(Files.readString(file)));
            } else {
                try (Reader reader = Files.newBufferedReader(file)) {
                    documents.add(ContractJson.fromYaml(reader));
                }
            }
        } catch (RuntimeException | IOException notJson) {
            // the fuzz corpora hold deliberately broken lines and some YAML is a list: those are no messages
            return documents;
        }
        return documents;
    }

    private static void subtrees(JsonNode node, Set<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> subtrees(child, into));
        }
    }

    /** The strings the schemas allow by const or enum: replacing a discriminator by another takes another if/then branch. */
    private static List<String> enumWords() throws IOException {
        Set<String> words = new TreeSet<>();
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("schemas"))) {
            for (Path file : files.toList()) {
                documents.add(Json.parse(Files.readString(file)));
            }
        }
        for (String service : SERVICES) {
            documents.add(Contract.load(service).document());
        }
        for (JsonNode document : documents) {
            collectWords(document, words);
        }
        return List.copyOf(words);
    }

    private static void collectWords(JsonNode node, Set<String> words) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("const") && field.getValue().isTextual()) {
                    words.add(field.getValue().textValue());
                } else if (field.getKey().equals("enum")) {
                    field.getValue().forEach(v -> {
                        if (v.isTextual()) {
                            words.add(v.textValue());
                        }
                    });
                }
                collectWords(field.getValue(), words);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectWords(child, words));
        }
    }

    @Test
    void everyPackagedSchemaAndContractMessageHasAQuickCheck() {
        assertThat(schemas).hasSizeGreaterThan(20);
        schemas.forEach((name, schema) -> assertThat(schema.quickVerdict(Json.object())).as(name).isNotNull());
    }

    /** A pair's verdicts: the quick one must never contradict networknt's. */
    private record Outcome(String schema, JsonNode value, Verdict quick, boolean valid) {
        boolean contradicts() {
            return quick == Verdict.VALID && !valid || quick == Verdict.INVALID && valid;
        }
    }

    private static Outcome judge(String name, CompiledSchema schema, JsonNode value) {
        return new Outcome(name, value, schema.quickVerdict(value), schema.fullValidate(value).isEmpty());
    }

    @Test
    void onTheCorpusTheQuickVerdictIsNetworkntsAndEveryValidMessageIsQuick() {
        List<Outcome> contradictions = new ArrayList<>();
        List<Outcome> slow = new ArrayList<>();
        int valid = 0;
        int invalid = 0;
        for (Map.Entry<String, CompiledSchema> schema : schemas.entrySet()) {
            for (JsonNode value : corpus) {
                Outcome outcome = judge(schema.getKey(), schema.getValue(), value);
                if (outcome.contradicts()) {
                    contradictions.add(outcome);
                }
                if (outcome.valid()) {
                    valid++;
                    if (outcome.quick() != Verdict.VALID) {
                        slow.add(outcome);
                    }
                } else {
                    invalid++;
                }
            }
        }
        assertThat(contradictions).isEmpty();
        assertThat(slow).as("valid messages the quick check leaves to networknt").isEmpty();
        // the corpus reaches most schemas with a valid message and all with invalid ones
        assertThat(valid).isGreaterThan(200);
        assertThat(invalid).isGreaterThan(valid);
    }

    static Stream<Arguments> schemasWithValidMessages() throws IOException {
        load();
        List<Arguments> pairs = new ArrayList<>();
        for (Map.Entry<String, CompiledSchema> schema : schemas.entrySet()) {
            List<JsonNode> valid = corpus.stream().filter(v -> schema.getValue().fullValidate(v).isEmpty())
                    // the largest valid messages first: they carry the most fields to mutate
                    .sorted((a, b) -> Integer.compare(Json.write(b).length(), Json.write(a).length()))
                    .limit(6).toList();
            if (!valid.isEmpty()) {
                pairs.add(Arguments.of(schema.getKey(), valid));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemasWithValidMessages")
    void onMutatedMessagesTheQuickVerdictIsNetworknts(String name, List<JsonNode> valid) {
        CompiledSchema schema = schemas.get(name);
        List<Outcome> contradictions = new ArrayList<>();
        int rejected = 0;
        int total = 0;
        for (JsonNode message : valid) {
            for (JsonNode mutant : mutants(message, new Random(Json.write(message).hashCode()))) {
                Outcome outcome = judge(name, schema, mutant);
                total++;
                if (!outcome.valid()) {
                    rejected++;
                }
                if (outcome.contradicts()) {
                    contradictions.add(outcome);
                }
            }
        }
        assertThat(contradictions).as("%d mutants, %d rejected", total, rejected).isEmpty();
    }

    private static final List<JsonNode> REPLACEMENTS = List.of(
            Json.MAPPER.getNodeFactory().textNode(""), Json.MAPPER.getNodeFactory().textNode("x"),
            Json.MAPPER.getNodeFactory().textNode("-x"), Json.MAPPER.getNodeFactory().textNode("../x"),
            Json.MAPPER.getNodeFactory().textNode("a".repeat(300)), Json.MAPPER.getNodeFactory().textNode("\uD83D\uDE00"),
            Json.MAPPER.getNodeFactory().numberNode(0), Json.MAPPER.getNodeFactory().numberNode(-1),
            Json.MAPPER.getNodeFactory().numberNode(new BigDecimal("1.5")),
            Json.MAPPER.getNodeFactory().numberNode(new BigDecimal("2.0")),
            Json.MAPPER.getNodeFactory().numberNode(99_999_999_999L),
            Json.MAPPER.getNodeFactory().booleanNode(true), Json.MAPPER.getNodeFactory().nullNode(),
            Json.object(), Json.array());

    /** Mutants of a valid message: each at most one change away from it. */
    private static List<JsonNode> mutants(JsonNode message, Random random) {
        List<JsonNode> mutants = new ArrayList<>();
        List<JsonPointer> places = new ArrayList<>();
        places(message, JsonPointer.empty(), places);
        for (JsonPointer place : places) {
            JsonNode here = message.at(place);
            if (here.isObject()) {
                for (Iterator<String> names = here.fieldNames(); names.hasNext(); ) {
                    String field = names.next();
                    mutants.add(change(message, place, node -> ((ObjectNode) node).remove(field)));
                }
                mutants.add(change(message, place, node -> ((ObjectNode) node).put("zz_extra", "x")));
            } else if (here.isArray() && !here.isEmpty()) {
                mutants.add(change(message, place, node -> ((ArrayNode) node).removeAll()));
                mutants.add(change(message, place, node -> ((ArrayNode) node).add(node.get(0).deepCopy())));
            }
            if (place.matches()) {
                continue; // the root: its replacements are the corpus's other values
            }
            List<JsonNode> replacements = new ArrayList<>(REPLACEMENTS);
            if (here.isTextual() && enumWords.contains(here.textValue())) {
                for (int i = 0; i < 8; i++) {
                    replacements.add(Json.MAPPER.getNodeFactory().textNode(enumWords.get(random.nextInt(enumWords.size()))));
                }
            }
            if (here.isIntegralNumber()) {
                replacements.add(Json.MAPPER.getNodeFactory().numberNode(here.longValue() + 1));
                replacements.add(Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(here.longValue() + ".0")));
            }
            for (JsonNode replacement : replacements) {
                mutants.add(replace(message, place, replacement));
            }
        }
        return mutants;
    }

    private static void places(JsonNode node, JsonPointer at, List<JsonPointer> into) {
        into.add(at);
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> places(f.getValue(), at.appendProperty(f.getKey()), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                places(node.get(i), at.appendIndex(i), into);
            }
        }
    }

    private static JsonNode change(JsonNode message, JsonPointer place, java.util.function.Consumer<JsonNode> edit) {
        JsonNode copy = message.deepCopy();
        edit.accept(copy.at(place));
        return copy;
    }

    private static JsonNode replace(JsonNode message, JsonPointer place, JsonNode value) {
        JsonNode copy = message.deepCopy();
        JsonNode parent = copy.at(place.head());
        String last = place.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else {
            ((ArrayNode) parent).set(place.last().getMatchingIndex(), value.deepCopy());
        }
        return copy;
    }

    /** Each keyword on its own, at the edges where the two could differ. */
    static Stream<Arguments> keywordCases() {
        return Stream.of(
                Arguments.of("{\"type\":\"integer\"}", List.of("1", "1.0", "1.5", "\"1\"", "null", "12345678901234567890")),
                Arguments.of("{\"type\":\"number\",\"minimum\":0}", List.of("0", "-1", "0.0", "-0.5", "0.5", "1e3")),
                Arguments.of("{\"type\":\"integer\",\"exclusiveMinimum\":0,\"maximum\":10}", List.of("0", "1", "10", "11", "9.5")),
                Arguments.of("{\"const\":1}", List.of("1", "1.0", "2", "\"1\"", "true")),
                Arguments.of("{\"const\":\"a\"}", List.of("\"a\"", "\"b\"", "null", "[\"a\"]")),
                Arguments.of("{\"enum\":[\"a\",null,2]}", List.of("\"a\"", "null", "2", "2.0", "\"c\"", "{}")),
                Arguments.of("{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}",
                        List.of("\"a\"", "\"ab\"", "\"abcd\"", "\"\\uD83D\\uDE00\"", "\"\\uD83D\\uDE00\\uD83D\\uDE00\"", "5")),
                Arguments.of("{\"pattern\":\"\\\\S\"}", List.of("\"a\"", "\" \"", "\" a \"", "\"\"", "3")),
                Arguments.of("{\"pattern\":\"^[a-z]{0,3}$\"}", List.of("\"ab\"", "\"abcd\"", "\"AB\"")),
                Arguments.of("{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,\"maxItems\":2,\"uniqueItems\":true}",
                        List.of("[]", "[\"a\"]", "[\"a\",\"a\"]", "[\"a\",\"b\",\"c\"]", "[1]", "{}")),
                Arguments.of("{\"uniqueItems\":true}", List.of("[1,1.0]", "[1,2]", "[{\"a\":1},{\"a\":1}]", "[[1],[2]]", "[true,false]")),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"],\"additionalProperties\":false}",
                        List.of("{\"a\":\"x\"}", "{}", "{\"a\":1}", "{\"a\":\"x\",\"b\":1}", "[]")),
                Arguments.of("{\"additionalProperties\":{\"type\":\"integer\"},\"propertyNames\":{\"pattern\":\"^[a-z]+$\"}}",
                        List.of("{\"a\":1}", "{\"a\":\"1\"}", "{\"A\":1}", "{}")),
                Arguments.of("{\"dependentRequired\":{\"a\":[\"b\"]}}", List.of("{\"a\":1,\"b\":2}", "{\"a\":1}", "{\"b\":1}")),
                Arguments.of("{\"if\":{\"properties\":{\"k\":{\"const\":\"x\"}}},\"then\":{\"required\":[\"x\"]},\"else\":{\"required\":[\"y\"]}}",
                        List.of("{\"k\":\"x\",\"x\":1}", "{\"k\":\"x\",\"y\":1}", "{\"k\":\"z\",\"y\":1}", "{\"k\":\"z\",\"x\":1}", "{}")),
                Arguments.of("{\"not\":{\"required\":[\"a\"]}}", List.of("{}", "{\"a\":1}", "1")),
                Arguments.of("{\"not\":{\"type\":\"integer\"}}", List.of("1", "1.0", "\"a\"")),
                Arguments.of("{\"oneOf\":[{\"type\":\"integer\"},{\"minimum\":2}]}", List.of("1", "3", "2.5", "0.5", "\"a\"")),
                Arguments.of("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", List.of("\"a\"", "null", "1")),
                Arguments.of("{\"allOf\":[{\"type\":[\"string\",\"integer\"]},{\"not\":{\"const\":\"\"}}]}",
                        List.of("\"a\"", "\"\"", "3", "true")),
                Arguments.of("{\"$ref\":\"task-packet.schema.json#/properties/scope\"}", List.of("\"module\"", "\"galaxy\"", "1")),
                Arguments.of("{\"$defs\":{\"n\":{\"type\":\"integer\"}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/n\"}}}",
                        List.of("{\"a\":1}", "{\"a\":\"1\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keywordCases")
    void eachKeywordAgreesWithNetworkntAtItsEdges(String schemaText, List<String> instances) throws Exception {
        CompiledSchema schema = SchemaCatalog.shared().embedded(SchemaCatalog.BASE + "schemas/quick-test.json",
                "/" + Integer.toHexString(schemaText.hashCode()), Json.parse(schemaText));
        for (String text : instances) {
            JsonNode instance = Json.parse(text);
            Outcome outcome = judge(schemaText, schema, instance);
            assertThat(outcome.contradicts()).as("%s on %s: quick %s, networknt %s", schemaText, text, outcome.quick(),
                    outcome.valid() ? "valid" : "invalid").isFalse();
            // what a caller sees is networknt's verdict either way
            assertThat(schema.validate(instance).isEmpty()).as(text).isEqualTo(outcome.valid());
        }
    }

    @Test
    void aKeywordWithoutAQuickCheckIsRefusedAndNetworkntAloneValidates() throws Exception {
        CompiledSchema schema = SchemaCatalog.shared().embedded(SchemaCatalog.BASE + "schemas/quick-test.json",
                "/refused", Json.parse("{\"patternProperties\":{\"^x\":{\"type\":\"integer\"}}}"));
        assertThatThrownBy(() -> schema.quickVerdict(Json.object()))
                .hasCauseInstanceOf(QuickSchemaCompiler.UnsupportedKeyword.class)
                .cause().hasMessageContaining("patternProperties");
        assertThat(schema.validate(Json.object().put("xa", "1"))).hasSize(1);
        assertThat(schema.validate(Json.object().put("xa", 1))).isEmpty();
    }

    @Test
    void errorTextsAreNetworkntsAsBefore() throws Exception {
        CompiledSchema packet = SchemaCatalog.shared().named("task-packet");
        JsonNode noPath = Json.parse("{\"objective\":\"o\",\"scope\":\"single_file\",\"acceptance_tests\":[]}");
        assertThat(packet.validate(noPath)).isEqualTo(packet.fullValidate(noPath)).isNotEmpty();
    }
}
