package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A message the objective shows with its values in it ({@code `No such option '--colr'. Did you mean '--color'?`}) is
 * built from a template ({@code "No such option {name!r}."}): the file holding the text between the values is where the
 * change goes, not the files sharing the objective's everyday words.
 */
class MessageTemplatesTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // a value per sentence: the text around each, cut at sentence ends
        "a mistyped flag must say `No such option '--colr'. Did you mean '--color'?` then|No such option;Did you mean",
        // a list of values is one placeholder; brackets and the colon are not text the template must hold verbatim
        "several: `(Did you mean one of: '--bold', '--color'?)`|Did you mean one of",
        // double-quoted values inside a code span
        "`unknown key \"colr\" in section \"main\"` is wrong|unknown key;in section",
        // no value shown: the message is found verbatim, not as a template
        "`duplicated mapping key` must be reported|-",
        // a value but too few words around it: a value in code form, not a message
        "`x = 'a'` should give `'b'`|-",
    })
    void theTextBetweenAMessagesValuesIsWhatItsTemplateHolds(String objective, String pieces) {
        List<String> expected = pieces.equals("-") ? List.of() : Arrays.asList(pieces.split(";"));
        assertThat(MessageOwners.templatePieces(objective)).isEqualTo(expected);
    }

    private Path cli() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("cli"));
        write(ws, "pyproject.toml", "[project]\nname = \"cli\"\n");
        // the file the objective's everyday words lead to: options, usage, errors, matches, everywhere
        write(ws, "src/cli/core.py", "from .errors import UsageError\nfrom .parser import OptionParser\n\n"
                + "class Option:\n    \"\"\"An option of a command; a mistyped option is a usage error.\"\"\"\n"
                + "    def __init__(self, name):\n        self.name = name\n\n"
                + "class Command:\n    \"\"\"A command: its options, its usage line and the error for a bad option.\"\"\"\n"
                + "    def parse_args(self, args):\n        # the usage error ends with the options that match\n"
                + "        parser = OptionParser(self.options)\n        return parser.parse(args)\n\n"
                + "    def usage(self):\n        return 'usage: ' + ' '.join(o.name for o in self.options)\n\n"
                + "    def fail(self, message):\n        raise UsageError(message + ' (see the usage of the option)')\n"
                + "    def matches(self, option):\n        # close matches of a mistyped option\n        return [o for o in self.options if o.name == option]\n");
        write(ws, "src/cli/prompt.py", "def confirm(text):\n    \"\"\"Ask again on a mistyped answer; the usage error names the close matches.\"\"\"\n"
                + "    return input(text + ' [y/n] ').strip().lower() == 'y'\n");
        write(ws, "src/cli/parser.py", "from .errors import NoSuchOption\n\nclass OptionParser:\n"
                + "    def __init__(self, options):\n        self._long = [o.name for o in options]\n\n"
                + "    def parse(self, args):\n        for arg in args:\n            if arg not in self._long:\n"
                + "                raise NoSuchOption(arg, possibilities=self._long)\n        return args\n");
        write(ws, "src/cli/errors.py", "from difflib import get_close_matches\n\nclass UsageError(Exception):\n    pass\n\n"
                + "def _suggest(possibilities):\n    if len(possibilities) == 1:\n"
                + "        return \"Did you mean {possibility}?\".format(possibility=repr(possibilities[0]))\n"
                + "    return \"(Did you mean one of: {possibilities}?)\".format(possibilities=', '.join(map(repr, possibilities)))\n\n"
                + "class NoSuchOption(UsageError):\n    def __init__(self, name, possibilities=None):\n"
                + "        message = \"No such option {name!r}.\".format(name=name)\n"
                + "        close = get_close_matches(name, possibilities or [])\n"
                + "        if close:\n            message += ' ' + _suggest(close)\n        super().__init__(message)\n");
        write(ws, "tests/test_options.py", "from cli.core import Command, Option\n\n"
                + "def test_suggest_possible_options():\n    assert \"Did you mean '--color'?\" in run(['--colr'])\n");
        write(ws, "tests/test_core.py", "from cli.core import Command, Option\n\n"
                + "def test_usage():\n    assert Command().usage().startswith('usage: ')\n");
        return ws;
    }

    @Test
    void theFileHoldingAShownMessagesTemplateIsTheChange() throws Exception {
        List<String> files = located("a mistyped option's usage error must end with the close matches: `No such option '--colr'. "
                + "Did you mean '--color'?` for one, `(Did you mean one of: '--bold', '--color'?)` for several", facts(cli()));
        assertThat(files).first().isEqualTo("src/cli/errors.py");
        assertThat(files).doesNotContain("src/cli/core.py", "src/cli/prompt.py");
    }
}
