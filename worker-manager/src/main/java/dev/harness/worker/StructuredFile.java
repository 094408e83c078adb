package dev.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads an operator's configuration file, YAML or JSON (JSON is YAML), into a JSON tree. */
final class StructuredFile {
    private StructuredFile() {}

    static JsonNode read(Path file) throws InvalidFile {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidFile(file + " does not exist");
        } catch (IOException e) {
            throw new InvalidFile(file + " cannot be read: " + e.getMessage());
        }
    }

    static JsonNode read(InputStream in, String source) throws InvalidFile {
        try {
            // SafeConstructor: plain data only, no arbitrary object construction from YAML tags.
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (tree == null) {
                throw new InvalidFile(source + " is empty");
            }
            return Json.toNode(tree);
        } catch (YAMLException e) {
            throw new InvalidFile(source + " is neither valid YAML nor JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "parse error" : message.lines().findFirst().orElse("parse error");
    }
}
