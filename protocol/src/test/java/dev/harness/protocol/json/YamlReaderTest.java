package dev.harness.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {
    @Test
    void readsYamlAndJsonIntoATree() throws Exception {
        JsonNode yaml = YamlReader.parse("name: x\nlist: [1, two]\nnested:\n  flag: true\n", "t.yaml");
        assertThat(yaml.path("name").asText()).isEqualTo("x");
        assertThat(yaml.path("list").get(1).asText()).isEqualTo("two");
        assertThat(yaml.at("/nested/flag").asBoolean()).isTrue();
        assertThat(YamlReader.parse("{\"a\": [1]}", "t.json").at("/a/0").asInt()).isEqualTo(1);
    }

    @Test
    void errorsNameTheFileAndLine(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("bad.yaml"), "a: 1\nb: [unclosed\nc: 3\n");
        YamlReader.YamlException e = catchThrowableOfType(YamlReader.YamlException.class, () -> YamlReader.read(file));
        assertThat(e.getMessage()).startsWith(file + ":").contains("not valid YAML");
        assertThat(e.line()).isGreaterThan(1);
        assertThat(catchThrowableOfType(YamlReader.YamlException.class, () -> YamlReader.read(tmp.resolve("absent.yaml")))
                .getMessage()).contains("does not exist");
        assertThat(catchThrowableOfType(YamlReader.YamlException.class, () -> YamlReader.parse("", "empty.yaml"))
                .getMessage()).isEqualTo("empty.yaml is empty");
    }

    @Test
    void tagsNeverConstructObjectsAndDuplicateKeysAreRefused() {
        YamlReader.YamlException tag = catchThrowableOfType(YamlReader.YamlException.class,
                () -> YamlReader.parse("x: !!javax.script.ScriptEngineManager [ ]\n", "evil.yaml"));
        assertThat(tag.getMessage()).startsWith("evil.yaml");
        YamlReader.YamlException dup = catchThrowableOfType(YamlReader.YamlException.class,
                () -> YamlReader.parse("a: 1\na: 2\n", "dup.yaml"));
        assertThat(dup.getMessage()).contains("dup.yaml:2").contains("duplicate");
    }
}
