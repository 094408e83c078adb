package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A template tag the objective writes names the helper file an engine keeps it in (handlebars.java's EachHelper). */
class TemplateTagsTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a data variable ({{@first}}) is no tag
        "{{#each this}}{{@first}}{{/each}} renders ''|each",
        "{{{join this \", \" prefix='<'}}} drops the prefix|join",
        "{{> header}} and {{^unless}}|header;unless",
        "{% include 'a.html' %} and {%- for x in y %}|include;for",
        "the each helper, without braces|''",
    })
    void tagsTheObjectiveWrites(String objective, String expected) {
        assertThat(String.join(";", TemplateTags.tags(objective))).isEqualTo(expected);
    }

    /** The filters an expression is piped into are named like tags: TitleFilter.java for {@code | title}. */
    @Test
    void filtersTheObjectivePipesInto() {
        assertThat(TemplateTags.tags("{{ 'test test' | title }} renders 'Test test'")).containsExactly("title");
        assertThat(TemplateTags.tags("{{ name|lower|trim }} and {% set x = y | upper %}")).containsExactlyInAnyOrder("name", "lower", "trim", "set", "upper");
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
        "src/main/java/com/x/helper/EachHelper.java, each, true",
        "lib/handlebars/helpers/each.js, each, true",
        "app/templatetags/include_tag.py, include, true",
        "lib/each.js, each, false",
        "src/main/java/com/x/Context.java, each, false",
        "src/main/java/com/x/helper/EachHelperTest.java, eachhelper, false",
        "src/main/java/io/x/extension/core/TitleFilter.java, title, true",
        "lib/filters/title.js, title, true",
    })
    void aHelperIsNamedAfterItsTag(String path, String tag, boolean helper) {
        assertThat(TemplateTags.helperOf(path, tag)).isEqualTo(helper);
    }

    @Test
    void theTagsHelperIsThePlaceNotTheContextTheWordsLeadTo() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("engine"));
        String pkg = "src/main/java/dev/engine/";
        write(ws, "pom.xml", "<project><groupId>dev</groupId><artifactId>engine</artifactId><version>1</version></project>\n");
        write(ws, pkg + "Context.java", "package dev.engine;\n\nimport java.util.Map;\n\n/** The data a template reads: "
                + "properties of a map or object, and data variables such as first and last. */\npublic class Context {\n"
                + "    private final Object model;\n    private Map<String, Object> data;\n\n"
                + "    public Object property(String name) {\n        return ((Map<?, ?>) model).get(name);\n    }\n\n"
                + "    public void data(String name, Object value) {\n        data.put(name, value);\n    }\n\n"
                + "    public Context(Object model) {\n        this.model = model;\n    }\n}\n");
        write(ws, pkg + "helper/EachHelper.java", "package dev.engine.helper;\n\nimport dev.engine.Context;\n\n"
                + "public class EachHelper {\n    public CharSequence apply(Context context, Iterable<?> items) {\n"
                + "        StringBuilder out = new StringBuilder();\n        boolean first = true;\n        for (Object item : items) {\n"
                + "            context.data(\"first\", first ? \"first\" : \"\");\n            first = false;\n        }\n"
                + "        return out;\n    }\n}\n");
        write(ws, pkg + "helper/IfHelper.java", "package dev.engine.helper;\n\npublic class IfHelper {\n"
                + "    public boolean apply(Object value) {\n        return value != null;\n    }\n}\n");
        assertThat(located("When {{#each}} iterates over the properties of a map or object, the @first data variable is never "
                + "set: {{#each this}}{{@first}}{{/each}} with context {one: 1, two: 2} renders '' instead of 'first'. @first "
                + "should be 'first' for the first property, as it already is when iterating a list.", facts(ws)))
                .containsExactly(pkg + "helper/EachHelper.java");
    }
}
