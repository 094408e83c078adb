package dev.harness.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The JSON form of the contracts, written at build time next to the packaged YAML
 * (contracts/NAME.contract.yaml → contracts/NAME.contract.json): a service reads its contract with
 * the JSON parser it has loaded anyway, instead of starting a YAML parser on every launch (issue
 * 15). The YAML in contracts/ stays the source of truth; ContractJsonTest holds the packaged form
 * to it.
 */
public final class ContractJson {
    static final String YAML_SUFFIX = ".contract.yaml";
    static final String JSON_SUFFIX = ".contract.json";

    private ContractJson() {}

    /** The resource of a contract's JSON form, for the resource of its YAML. */
    static String resourceFor(String yamlResource) {
        return yamlResource.substring(0, yamlResource.length() - YAML_SUFFIX.length()) + JSON_SUFFIX;
    }

    /** A contract's YAML as a JSON tree (SafeConstructor: plain maps, lists and scalars only). */
    static ObjectNode fromYaml(Reader yaml) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(Json.toNode(tree) instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a contract must be a YAML mapping");
        }
        return object;
    }

    /** The JSON text the build writes for a contract's YAML. */
    static String jsonOf(Reader yaml) {
        return Json.write(fromYaml(yaml)) + "\n";
    }

    /** Build step: writes the JSON form of every *.contract.yaml in the directory given (target/classes/contracts). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ContractJson DIRECTORY");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        try (DirectoryStream<Path> contracts = Files.newDirectoryStream(dir, "*" + YAML_SUFFIX)) {
            for (Path yaml : contracts) {
                String name = yaml.getFileName().toString();
                Path json = yaml.resolveSibling(resourceFor(name));
                try (Reader reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
                    Files.writeString(json, jsonOf(reader), StandardCharsets.UTF_8);
                }
            }
        }
    }
}
