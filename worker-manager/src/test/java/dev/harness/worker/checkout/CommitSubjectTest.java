package dev.harness.worker.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.plan.Scope;
import dev.harness.api.plan.TaskPacket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A task's commit subject is a whole phrase of at most 72 characters, whatever the title's cut. */
class CommitSubjectTest {
    private static final String PROMPT = "Make the change in %s that this objective needs. Add or adjust a test that fails"
            + " before your change and passes after it. Overall objective: %s";

    private static TaskPacket packet(String title, String objective, String scopePath, List<String> files) {
        return new TaskPacket("t1", title, objective, null, Scope.WORKSPACE, scopePath, List.of("make test"), null,
                "single verified commit", "ask", null, true, null, null, 1800, files);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # title | the run's objective | place | subject
            A title cut by the planner is completed from the objective, up to a clause | Add a function `oversize(cache, value)` to…: src/pkg | add a function `oversize(cache, value)` to the package that says whether a value can never fit in the cache | src/pkg | Add a function `oversize(cache, value)` to the package
            A whole sentence that fits is kept whole | Parse_length should accept a comma as the decimal…: src/parse.rs | parse_length should accept a comma as the decimal separator | src/parse.rs | Parse_length should accept a comma as the decimal separator
            e.g. does not end the sentence; the comma before it does | Parse_length should accept a comma as the decimal…: src/parse.rs | parse_length should accept a comma as the decimal separator, e.g. 12,5 km in the units table | src/parse.rs | Parse_length should accept a comma as the decimal separator
            The place may be the directory holding the task's files | Add a function `shout(text)` to click's utils…: src/click | add a function `shout(text)` to click's utils module that upper-cases the text, so that commands can emphasise a message | src/click/utils.py | Add a function `shout(text)` to click's utils module
            A title that is whole loses only the place the planner appended | ToBoolean should accept yes/no and on/off as well: src/coerce.js | toBoolean should accept yes/no and on/off as well | src/coerce.js | ToBoolean should accept yes/no and on/off as well
            A person's title with a colon of its own keeps it | Fix: the parser drops the last token | the parser drops the last token | src/parse.js | Fix: the parser drops the last token
            A long phrase ends before a preposition, never inside code quotes | Retry should back off exponentially (delayMs…: src/retry.ts | retry should back off exponentially (delayMs doubles each try) up to a maxDelayMs option given by the caller | src/retry.ts | Retry should back off exponentially (delayMs doubles each try)
            Without any boundary the cut is at a word and says so | Supercalifragilistic…: x.py | supercalifragilistic expialidocious antidisestablishmentarianism floccinaucinihilipilification pneumonoultramicroscopic | x.py | Supercalifragilistic expialidocious antidisestablishmentarianism…
            """)
    void theSubjectIsAWholePhrase(String rule, String title, String objective, String place, String subject) {
        TaskPacket task = packet(title, PROMPT.formatted(place, objective), place, List.of(place));
        String made = CommitSubject.of(task);
        assertThat(made).as(rule).isEqualTo(subject);
        assertThat(made.length()).as(rule).isLessThanOrEqualTo(CommitSubject.MAX);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # objective | subject
            Add dark mode | Add dark mode
            Add dark mode to the dashboard. Keep the light theme the default. | Add dark mode to the dashboard
            make the settings page remember the chosen theme across reloads and across devices signed in to the same account | make the settings page remember the chosen theme across reloads
            """)
    void withoutATitleTheObjectiveGivesIt(String objective, String subject) {
        assertThat(CommitSubject.of(packet(null, objective, ".", null))).isEqualTo(subject);
    }
}
