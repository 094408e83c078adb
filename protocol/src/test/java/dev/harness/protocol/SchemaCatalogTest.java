package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {
    private static JsonNode packet(String extra) throws Exception {
        return Json.parse("{\"objective\":\"o\",\"scope\":\"module\",\"scope_path\":\"src\",\"acceptance_tests\":[\"make test\"]" + extra + "}");
    }

    @Test
    void propertiesNamedLikeAnnotationsKeepTheirRules() throws Exception {
        var schema = SchemaCatalog.shared().named("task-packet");
        assertThat(schema.validate(packet(",\"title\":\"A title\",\"description\":\"text\""))).isEmpty();
        assertThat(schema.validate(packet(",\"title\":\"\""))).extracting(Violation::path).containsExactly("/title");
        assertThat(schema.validate(packet(",\"description\":5"))).extracting(Violation::path).containsExactly("/description");
    }

    @Test
    void conditionalRulesAndReferencesStillApply() throws Exception {
        var planned = SchemaCatalog.shared().named("planned-task-packet");
        assertThat(planned.validate(packet(""))).isNotEmpty(); // id, title, depends_on… are required there
        var packet = SchemaCatalog.shared().named("task-packet");
        JsonNode noPath = Json.parse("{\"objective\":\"o\",\"scope\":\"single_file\",\"acceptance_tests\":[]}");
        assertThat(packet.validate(noPath)).extracting(Violation::message).anyMatch(m -> m.contains("scope_path"));
        JsonNode workspace = Json.parse("{\"objective\":\"o\",\"scope\":\"workspace\",\"acceptance_tests\":[]}");
        assertThat(packet.validate(workspace)).isEmpty();
    }

    @Test
    void annotationsAreStrippedOnlyWhereTheyAreKeywords() throws Exception {
        JsonNode stripped = SchemaAnnotations.strip(Json.parse(
                "{\"title\":\"T\",\"description\":\"D\",\"properties\":{\"title\":{\"type\":\"string\",\"description\":\"x\"}},"
                        + "\"allOf\":[{\"$comment\":\"c\",\"required\":[\"title\"]}]}"));
        assertThat(stripped.has("title")).isFalse();
        assertThat(stripped.has("description")).isFalse();
        assertThat(stripped.path("properties").has("title")).isTrue();
        assertThat(stripped.path("properties").path("title").has("description")).isFalse();
        assertThat(stripped.path("allOf").get(0).has("$comment")).isFalse();
        assertThat(stripped.path("allOf").get(0).has("required")).isTrue();
    }
}
