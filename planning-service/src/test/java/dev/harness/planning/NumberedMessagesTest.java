package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A message the objective shows with its numbers ("… must say how much arrived: received 5 bytes, expected 100") is
 * built from a template whose words survive where the numbers become placeholders ({@code "received {} bytes, expected
 * {}"}): the file building it is the change, not the file defining the error it is raised with.
 */
class NumberedMessagesTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // prose after a colon, up to the sentence's end
        "the error must say how much arrived: received 5 bytes, expected 100|received 5 bytes, expected 100",
        "the error must say how much arrived: received 5 bytes, expected 100. Then stop|received 5 bytes, expected 100",
        // a code span
        "the error must read `got 3 arguments but wanted 2` then|got 3 arguments but wanted 2",
        // no number: found verbatim, not as a template
        "the error must say: no request line received|-",
        // a version is no value shown in a message; too few words is no message
        "it must work on: python 3.10.2 and later|-",
        "round it: 2.5 rounds|-",
        // code, not a message
        "`median([1, 2, 3, 4])` is `2.5`|-",
        // what must happen, written after a colon, is no message shown
        "1..5 fails: the lexer must read it as the number 1, the range operator and 5|-",
    })
    void aMessageShownWithItsNumbersIsReadAsATemplate(String objective, String message) {
        List<String> expected = message.equals("-") ? List.of() : List.of(message);
        assertThat(MessageOwners.numberedMessages(objective).stream().map(MessageOwners.Shape::message).toList()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // str.format with placeholders, the message split over adjacent literals
        "~raise E(\"peer closed early \"\n    \"(received {} bytes, expected {})\".format(a, b))~|true",
        // printf style, f-strings, Go verbs, a literal split at a word
        "~raise E(\"received %d bytes, expected %d\" % (a, b))~|true",
        "~raise E(f\"received {got} bytes, expected {want}\")~|true",
        "~return fmt.Errorf(\"received %v bytes, expected %v\", got, want)~|true",
        "~raise E(\"received {} bytes, \"\n          \"expected {}\".format(a, b))~|true",
        // Java or JavaScript concatenation
        "~throw new E(\"received \" + got + \" bytes, expected \" + want);~|true",
        // other words
        "~raise E(\"read {} bytes, wanted {}\".format(a, b))~|false",
    })
    void theTemplateMatchesTheWaysCodeBuildsTheMessage(String code, boolean matches) {
        MessageOwners.Shape shape = MessageOwners.numberedMessages("say it: received 5 bytes, expected 100").get(0);
        assertThat(shape.pattern().matcher(code).find()).isEqualTo(matches);
    }

    @Test
    void aTestAssertsAClauseOfTheMessageWithItsValues() {
        assertThat(MessageOwners.numberedClauses("say it: received 5 bytes, expected 100")).containsExactly("received 5 bytes");
    }

    private Path protocol() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("proto"));
        write(ws, "pyproject.toml", "[project]\nname = \"proto\"\n");
        write(ws, "proto/__init__.py", "from proto._errors import RemoteProtocolError\n");
        // the error class: the objective names it, so it is defined here
        write(ws, "proto/_errors.py", "class ProtocolError(Exception):\n"
                + "    \"\"\"An error of the peer or of this side; a RemoteProtocolError says the peer broke the protocol.\"\"\"\n"
                + "    def __init__(self, msg, error_status_hint=400):\n        self.error_status_hint = error_status_hint\n"
                + "        super().__init__(msg)\n\n"
                + "class RemoteProtocolError(ProtocolError):\n    \"\"\"The peer closed the connection or sent a bad body.\"\"\"\n");
        // the connection: the objective's everyday words everywhere
        write(ws, "proto/_connection.py", "from proto._errors import RemoteProtocolError\nfrom proto._readers import READERS\n\n"
                + "class Connection:\n    \"\"\"One connection to a peer: the peer closes it, a body arrives in the middle.\"\"\"\n"
                + "    def receive_data(self, data):\n        # when the peer closes the connection the body may be cut in the middle\n"
                + "        if self.peer_closed:\n            raise RemoteProtocolError(\"peer closed the connection\")\n"
                + "        return READERS[self.state](data)\n\n"
                + "    def close(self):\n        # closes the connection; the peer may still send a body\n        self.closed = True\n");
        // the reader raising the error with the message, built from adjacent literals and a format
        write(ws, "proto/_readers.py", "from proto._errors import RemoteProtocolError\n\n"
                + "class ContentLengthReader:\n    def __init__(self, length):\n        self._length = length\n"
                + "        self._remaining = length\n\n"
                + "    def read_eof(self):\n        raise RemoteProtocolError(\n"
                + "            \"peer closed connection without sending complete message body \"\n"
                + "            \"(received {} bytes, expected {})\".format(\n"
                + "                self._length - self._remaining, self._length\n            )\n        )\n\n"
                + "READERS = {}\n");
        write(ws, "proto/tests/__init__.py", "");
        write(ws, "proto/tests/test_connection.py", "from proto._connection import Connection\n\n"
                + "def test_lost_connection_in_body():\n    c = Connection()\n"
                + "    assert \"received 5 bytes\" in str(c.receive_data(b''))\n");
        write(ws, "proto/tests/test_readers.py", "from proto._readers import ContentLengthReader\n\n"
                + "def test_reader_counts():\n    assert ContentLengthReader(3)._remaining == 3\n");
        return ws;
    }

    @Test
    void theFileBuildingAMessageShownWithItsNumbersIsTheChange() throws Exception {
        String objective = "When the peer closes the connection in the middle of a body, the RemoteProtocolError must say how much "
                + "arrived: received 5 bytes, expected 100";
        WorkspaceFacts facts = facts(protocol());
        List<String> files = located(CodeForm.marked(objective, w -> false), facts);
        assertThat(files).containsExactly("proto/_readers.py");
        // the test asserting the message with its values is the check
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts, null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString().contains("proto/tests/test_connection.py");
    }

    @Test
    void withoutTheMessageTheNamedErrorsFileStays() throws Exception {
        // the same workspace, the message not shown: nothing says the reader builds it
        List<String> files = located("the RemoteProtocolError must have an error status hint", facts(protocol()));
        assertThat(files).first().isEqualTo("proto/_errors.py");
    }
}
