package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round 23's shapes (blind: blackfriday, dominate, chai, hast-util-to-html, waitress, pebble): option flags act where the
 * code tests them; an attribute assigned runs its setter; a setting given a value works where it is read; values listed
 * in parentheses are held together by one file; a message in single quotes is quoted text.
 */
class RoundTwentyThreeShapesTest {
    @TempDir
    Path temp;

    @Test
    void optionFlagsActWhereTheCodeTestsThemNotWhereTheyAreDeclared() throws Exception {
        assertThat(FlagTesters.constants("With HTML_USE_SMARTYPANTS|HTML_SMARTYPANTS_DASHES, 'a --- b' renders wrong; NOTE: OK"))
                .containsExactly("HTML_USE_SMARTYPANTS", "HTML_SMARTYPANTS_DASHES");
        assertThat(FlagTesters.tested("EXTENSION_TABLES").matcher("if p.flags&EXTENSION_TABLES != 0 {").find()).isTrue();
        assertThat(FlagTesters.tested("EXTENSION_TABLES").matcher("\tEXTENSION_TABLES // render tables").find()).isFalse();
        Path ws = temp.resolve("markdown");
        write(ws, "go.mod", "module example.com/markdown\n\ngo 1.19\n");
        write(ws, "html.go", "package markdown\n\nconst (\n\tHTML_USE_SMARTYPANTS = 1 << iota // smart punctuation\n"
                + "\tHTML_SMARTYPANTS_DASHES // smart dashes\n\tHTML_SMARTYPANTS_LATEX_DASHES // LaTeX dashes\n)\n\n"
                + "// Html renders HTML, with smartypants when asked: dashes, LaTeX dashes.\nfunc Html(flags int) string {\n"
                + "\tif flags&HTML_USE_SMARTYPANTS != 0 {\n\t\treturn smartypants(flags)\n\t}\n\treturn \"html\"\n}\n");
        write(ws, "smartypants.go", "package markdown\n\nfunc smartypants(flags int) string {\n"
                + "\tif flags&HTML_SMARTYPANTS_DASHES != 0 {\n\t\tif flags&HTML_SMARTYPANTS_LATEX_DASHES == 0 {\n"
                + "\t\t\treturn \"&ndash;\"\n\t\t}\n\t\treturn \"&mdash;\"\n\t}\n\treturn \"\"\n}\n");
        write(ws, "markdown.go", "package markdown\n\n// common HTML flags: smartypants, dashes and LaTeX dashes\n"
                + "const commonHtmlFlags = HTML_USE_SMARTYPANTS | HTML_SMARTYPANTS_DASHES | HTML_SMARTYPANTS_LATEX_DASHES\n");
        assertThat(located("With HTML_USE_SMARTYPANTS|HTML_SMARTYPANTS_DASHES|HTML_SMARTYPANTS_LATEX_DASHES, 'foo --- bar' renders "
                + "as 'foo &ndash;- bar'. In LaTeX dash mode '--' must become &ndash; and '---' a single &mdash;.", facts(ws)))
                .containsExactly("smartypants.go");
    }

    @Test
    void anAttributeAssignedRunsItsSetter() throws Exception {
        assertThat(PropertySetters.assigned("d.title = title('bar') adds a second <title>; `d.title` = `x`; a == b"))
                .containsExactly("title");
        Path ws = temp.resolve("dom");
        write(ws, "pyproject.toml", "[project]\nname = \"dom\"\n");
        write(ws, "dom/tags.py", "from .dom_tag import dom_tag\n\n\nclass html_tag(dom_tag):\n    pass\n\n\n"
                + "class title(html_tag):\n    \"\"\"The document's title tag, one in the head.\"\"\"\n\n"
                + "    def _get_text(self):\n        return self.children[0]\n\n    def _set_text(self, text):\n"
                + "        self.children = [text]\n\n    text = property(_get_text, _set_text)\n");
        write(ws, "dom/dom_tag.py", "class dom_tag:\n    \"\"\"A tag: adds children, renders them.\"\"\"\n\n"
                + "    def add(self, *args):\n        self.children.extend(args)\n        return args[0]\n");
        write(ws, "dom/document.py", "from . import tags\n\n\nclass document(tags.html_tag):\n"
                + "    def __init__(self, title='Dom'):\n        self.head = tags.html_tag()\n"
                + "        self.title_node = self.head.add(tags.title(title))\n\n    def get_title(self):\n"
                + "        return self.title_node.text\n\n    def set_title(self, title):\n        self.title_node.text = title\n\n"
                + "    title = property(get_title, set_title)\n");
        assertThat(located("Assigning a tag to a document's title, d.title = title('bar'), adds a second <title> to <head>: the "
                + "new title tag should replace the old one so only <title>bar</title> remains.", facts(ws)))
                .containsExactly("dom/document.py");
    }

    @Test
    void aSettingGivenAValueWorksWhereItIsReadAndAListInParenthesesWhereItIsHeld() throws Exception {
        Path ws = temp.resolve("tohtml");
        write(ws, "package.json", "{\"name\":\"to-html\",\"type\":\"module\",\"scripts\":{\"test\":\"node --test test/\"}}");
        write(ws, "lib/index.js", "import {handle} from './handle/element.js'\n\n/**\n * @typedef Options\n"
                + " * @property {boolean} [quoteSmart=false] use the other quote when it needs fewer escapes\n"
                + " * @property {boolean} [omitOptionalTags=false] omit optional opening and closing tags\n */\n"
                + "export function toHtml(tree, options_) {\n  const settings = {\n"
                + "    quoteSmart: options_.quoteSmart || false,\n    omitOptionalTags: options_.omitOptionalTags || false\n  }\n"
                + "  return handle(tree, {settings})\n}\n");
        write(ws, "lib/handle/element.js", "import {closing} from '../omission/closing.js'\n\n"
                + "export function handle(node, state) {\n  let quote = '\"'\n"
                + "  if (state.settings.quoteSmart && count(node.value, quote) > count(node.value, \"'\")) {\n"
                + "    quote = \"'\"\n  }\n  const close = state.settings.omitOptionalTags && closing(node)\n"
                + "  return quote + node.value + quote + (close ? '' : '</' + node.tagName + '>')\n}\n\n"
                + "function count(value, character) {\n  return value.split(character).length - 1\n}\n");
        write(ws, "lib/omission/closing.js", "export function closing(node, parent) {\n  return node.tagName === 'p' && !(\n"
                + "    parent.tagName === 'a' ||\n    parent.tagName === 'audio' ||\n    parent.tagName === 'del' ||\n"
                + "    parent.tagName === 'ins' ||\n    parent.tagName === 'map' ||\n    parent.tagName === 'noscript' ||\n"
                + "    parent.tagName === 'video')\n}\n");
        assertThat(located("With `quoteSmart: true`, toHtml still wraps every attribute value in double quotes even when the "
                + "value contains more double quotes than single quotes.", facts(ws))).containsExactly("lib/handle/element.js");
        assertThat(ValueLists.lists("a paragraph, the last child of an <a> (or audio, del, ins, map, noscript, video), loses it"))
                .containsExactly(List.of("audio", "del", "ins", "map", "noscript", "video"));
        assertThat(ValueLists.lists("date, time and datetime values (date, time and datetime)")).isEmpty();
        assertThat(located("With `omitOptionalTags: true`, a paragraph that is the last child of an <a> (or audio, del, ins, map, "
                + "noscript, video) loses its closing tag: <a><p>x</p></a> is serialized as <a><p>x</a>.", facts(ws)))
                .containsExactly("lib/omission/closing.js");
    }

    @Test
    void aMessageInSingleQuotesIsQuotedText() {
        assertThat(CoveringTests.Cues.of("should reject such a body with 400 Bad Request ('Chunk not properly terminated'); "
                + "the file's name stays 'x'").quoted()).contains("Chunk not properly terminated").doesNotContain("x");
        assertThat(CoveringTests.Cues.of("the user's input and the parser's state").quoted()).isEmpty();
        assertThat(Set.copyOf(CoveringTests.Cues.of("it returns 'Test test' for 'test test'").quoted())).containsExactly("Test test");
    }
}
