package dev.harness.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads YAML (and so JSON, which is YAML) into a Jackson tree. SafeConstructor only: plain maps,
 * lists and scalars, never an object chosen by a tag in the file. Errors name the file and the
 * line and column where the parser stopped.
 */
public final class YamlReader {
    /** A file that is not valid YAML, or is empty; the message names the source and the line. */
    public static final class YamlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String source;
        private final int line;

        public YamlException(String source, int line, String message) {
            super(message, null, false, false);
            this.source = source;
            this.line = line;
        }

        public String source() {
            return source;
        }

        /** 1-based; 0 when the error has no position (e.g. the file is empty or missing). */
        public int line() {
            return line;
        }
    }

    /** Documents larger than this are refused (a config or contract is a few KiB). */
    public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private YamlReader() {}

    public static JsonNode read(Path file) throws YamlException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new YamlException(file.toString(), 0, file + " does not exist");
        } catch (IOException e) {
            throw new YamlException(file.toString(), 0, file + " cannot be read: " + e.getMessage());
        }
    }

    public static JsonNode read(InputStream in, String source) throws YamlException {
        return read(new InputStreamReader(in, StandardCharsets.UTF_8), source);
    }

    public static JsonNode parse(String text, String source) throws YamlException {
        return read(new StringReader(text), source);
    }

    /** The document as a JSON tree; an empty document is an error (nothing to configure from). */
    public static JsonNode read(Reader reader, String source) throws YamlException {
        Object tree;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_CODE_POINTS);
            options.setAllowDuplicateKeys(false);
            tree = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String where = mark == null ? source : source + ":" + line + ":" + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
            throw new YamlException(source, line, where + ": not valid YAML: " + problem);
        } catch (YAMLException e) {
            throw new YamlException(source, 0, source + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (tree == null) {
            throw new YamlException(source, 0, source + " is empty");
        }
        try {
            return Json.toNode(tree);
        } catch (IllegalArgumentException e) {
            throw new YamlException(source, 0, source + ": a value cannot be represented as JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "parse error" : message.lines().findFirst().orElse("parse error");
    }
}
