package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contracts' JSON form packaged by the build says exactly what the YAML in contracts/ says. */
class ContractJsonTest {
    private static final Path CONTRACTS = Paths.get(System.getProperty("user.dir")).getParent().resolve("contracts");

    static Stream<String> services() throws IOException {
        try (Stream<Path> files = Files.list(CONTRACTS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(ContractJson.YAML_SUFFIX))
                    .map(n -> n.substring(0, n.length() - ContractJson.YAML_SUFFIX.length()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void thePackagedJsonIsTheYamlOfContracts(String service) throws IOException {
        Path yaml = CONTRACTS.resolve(service + ContractJson.YAML_SUFFIX);
        String expected;
        try (Reader reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
            expected = ContractJson.jsonOf(reader);
        }
        String resource = "contracts/" + service + ContractJson.JSON_SUFFIX;
        try (InputStream packaged = ContractJson.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(packaged).as("%s on the class path (written by the build: mvn process-classes)", resource).isNotNull();
            assertThat(new String(packaged.readAllBytes(), StandardCharsets.UTF_8))
                    .as("%s is stale: rebuild (mvn -pl protocol process-classes) after editing %s", resource, yaml)
                    .isEqualTo(expected);
        }
        // and the contract a service loads (from the JSON) is the one the YAML describes
        try (Reader reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
            Contract fromYaml = Contract.parse(reader, SchemaCatalog.BASE + "contracts/" + service + ContractJson.YAML_SUFFIX);
            Contract loaded = Contract.load(service);
            assertThat(Json.write(loaded.document())).isEqualTo(Json.write(fromYaml.document()));
            assertThat(loaded.documentIri()).isEqualTo(fromYaml.documentIri());
            assertThat(loaded.methods().keySet()).containsExactlyElementsOf(fromYaml.methods().keySet());
            assertThat(loaded.errors()).isEqualTo(fromYaml.errors());
        }
    }
}
