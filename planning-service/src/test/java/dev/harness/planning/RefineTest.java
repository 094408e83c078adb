package dev.harness.planning;

import dev.harness.api.plan.PlanFinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FeedbackParser + PlanEditor: plain instructions become plan changes, or a clear refusal. */
class RefineTest {
    private static List<TaskPacket> plan(String json) throws Exception {
        return TaskPacket.fromJson((ArrayNode) Json.parse(json.replace('\'', '"')));
    }

    private static List<TaskPacket> refine(List<TaskPacket> packets, String feedback) throws Exception {
        List<TaskPacket> revised = new PlanEditor(packets, null).apply(FeedbackParser.parse(feedback)).packets();
        assertThat(PlanRules.check(revised).errors()).as("revised plan breaks the rules").isEmpty();
        return revised;
    }

    private static TaskPacket byId(List<TaskPacket> packets, String id) {
        return packets.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    /** The first clients' example: packets without ids, titles only in the objective. */
    private static final String PROVIDER_THEN_TOGGLE = "["
            + "{'objective':'Add a theme context provider','scope':'module','scope_path':'src/theme','acceptance_tests':['npm test']},"
            + "{'objective':'Add a theme toggle UI','scope':'module','scope_path':'src/components','acceptance_tests':['npm test'],'depends_on':['t1']}]";

    @Test
    void prioritizeTheToggleOverTheProvider() throws Exception {
        List<TaskPacket> revised = refine(plan(PROVIDER_THEN_TOGGLE), "Please prioritize the toggle UI over the context provider");
        TaskPacket toggle = revised.stream().filter(p -> p.scopePath().equals("src/components")).findFirst().orElseThrow();
        TaskPacket provider = revised.stream().filter(p -> p.scopePath().equals("src/theme")).findFirst().orElseThrow();
        assertThat(PlanRules.reaches(revised, toggle.id(), provider.id())).as("toggle still waits on the provider").isFalse();
        assertThat(provider.dependsOn()).containsExactly(toggle.id());
        assertThat(revised.indexOf(toggle)).isLessThan(revised.indexOf(provider));
        assertThat(revised).allSatisfy(p -> assertThat(p.id()).isNotNull());
    }

    @Test
    void prioritizingWorkThePlanLacksAddsItBeforeTheOtherTask() throws Exception {
        // the suite's first client sends only the provider packet with this feedback
        List<TaskPacket> packets = plan("[{'objective':'Create theme context provider','scope':'module','scope_path':'src/theme',"
                + "'acceptance_tests':['npm test -- theme']}]");
        PlanEditor editor = new PlanEditor(packets, null).apply(FeedbackParser.parse("Please prioritize the toggle UI over the context provider"));
        List<TaskPacket> revised = editor.packets();
        assertThat(revised).extracting(TaskPacket::id).containsExactly("t2", "t1");
        assertThat(revised.get(0).title()).isEqualTo("Toggle UI");
        assertThat(revised.get(1).dependsOn()).containsExactly("t2");
        assertThat(editor.notes()).anyMatch(n -> n.contains("No task matched 'the toggle UI'"));
        assertThat(PlanRules.check(revised).errors()).isEmpty();
    }

    @Test
    void doXBeforeYInheritsYsPrerequisites() throws Exception {
        List<TaskPacket> packets = plan("[{'id':'s','title':'Survey the code','objective':'Read src','scope':'workspace','acceptance_tests':['npm test']},"
                + "{'id':'p','title':'Theme context provider','objective':'Add a provider','scope':'module','scope_path':'src/theme','acceptance_tests':['npm test'],'depends_on':['s']},"
                + "{'id':'u','title':'Theme toggle UI','objective':'Add a toggle','scope':'module','scope_path':'src/components','acceptance_tests':['npm test'],'depends_on':['p']}]");
        List<TaskPacket> revised = refine(packets, "Do the toggle UI before the context provider.");
        assertThat(byId(revised, "u").dependsOn()).containsExactly("s");
        assertThat(byId(revised, "p").dependsOn()).containsExactly("s", "u");
        assertThat(revised).extracting(TaskPacket::id).containsExactly("s", "u", "p");

        List<TaskPacket> after = refine(packets, "the provider after the toggle");
        assertThat(byId(after, "p").dependsOn()).contains("u");
    }

    @Test
    void dropByNumberIdOrTitleWordsKeepsDependenciesTransitively() throws Exception {
        String json = "[{'id':'a','title':'Survey','objective':'Read src','scope':'workspace','acceptance_tests':['npm test']},"
                + "{'id':'b','title':'Write the migration','objective':'Add a migration','scope':'module','scope_path':'db','acceptance_tests':['npm test'],'depends_on':['a']},"
                + "{'id':'c','title':'Verify','objective':'Run the checks','scope':'workspace','acceptance_tests':['npm test'],'depends_on':['b']}]";
        for (String feedback : List.of("drop task 2", "Skip b.", "remove the migration step", "we don't need the second task")) {
            List<TaskPacket> revised = refine(plan(json), feedback);
            assertThat(revised).extracting(TaskPacket::id).as(feedback).containsExactly("a", "c");
            assertThat(byId(revised, "c").dependsOn()).as(feedback).containsExactly("a");
        }
    }

    @Test
    void addATaskRunsBeforeTheFinalCheck() throws Exception {
        List<TaskPacket> revised = refine(plan("[{'id':'t1','title':'Survey','objective':'Read src','scope':'workspace','acceptance_tests':['npm test']},"
                + "{'id':'t2','title':'Theme','objective':'Add a palette','scope':'module','scope_path':'src/theme','acceptance_tests':['npm test'],'depends_on':['t1']},"
                + "{'id':'t3','title':'Verify','objective':'Run the checks','scope':'workspace','acceptance_tests':['npm run build','npm test'],'depends_on':['t2']}]"),
                "Add a task to document the dark theme in docs/theme.md");
        assertThat(revised).hasSize(4);
        TaskPacket added = byId(revised, "t4");
        assertThat(added.objective()).isEqualTo("Document the dark theme in docs/theme.md");
        assertThat(added.scopePath()).isEqualTo("docs/theme.md");
        assertThat(added.scope()).isEqualTo("single_file");
        assertThat(added.dependsOn()).containsExactly("t1");
        assertThat(added.acceptanceTests()).containsExactly("npm run build", "npm test");
        assertThat(byId(revised, "t3").dependsOn()).contains("t4");
    }

    @Test
    void scopeAndAcceptanceTestsCanBeChanged() throws Exception {
        String json = "[{'id':'t1','title':'Survey','objective':'Read src','scope':'workspace','acceptance_tests':['npm test']},"
                + "{'id':'t2','title':'Theme toggle','objective':'Add a toggle','scope':'module','scope_path':'src/theme','acceptance_tests':['npm test'],'depends_on':['t1']},"
                + "{'id':'t3','title':'Verify','objective':'Run the checks','scope':'workspace','acceptance_tests':['npm test'],'depends_on':['t2']}]";
        List<TaskPacket> scoped = refine(plan(json), "set scope of task 2 to src/components");
        assertThat(byId(scoped, "t2").scopePath()).isEqualTo("src/components");
        assertThat(byId(scoped, "t2").scope()).isEqualTo("module");

        List<TaskPacket> file = refine(plan(json), "Change the scope path of the theme toggle to `src/components/toggle.js`.");
        assertThat(byId(file, "t2").scopePath()).isEqualTo("src/components/toggle.js");
        assertThat(byId(file, "t2").scope()).isEqualTo("single_file");

        List<TaskPacket> tests = refine(plan(json), "use `npm run lint` as the acceptance test for task 3");
        assertThat(byId(tests, "t3").acceptanceTests()).containsExactly("npm run lint");

        List<TaskPacket> more = refine(plan(json), "add `npm run lint` to the acceptance tests of t2");
        assertThat(byId(more, "t2").acceptanceTests()).containsExactly("npm test", "npm run lint");
    }

    @Test
    void severalInstructionsInOneFeedback() throws Exception {
        String json = "[{'id':'t1','title':'Survey','objective':'Read src','scope':'workspace','acceptance_tests':['npm test']},"
                + "{'id':'t2','title':'Theme','objective':'Add a palette','scope':'module','scope_path':'src/theme','acceptance_tests':['npm test'],'depends_on':['t1']},"
                + "{'id':'t3','title':'Header','objective':'Add a toggle to the header','scope':'module','scope_path':'src/components','acceptance_tests':['npm test'],'depends_on':['t2']},"
                + "{'id':'t4','title':'Verify','objective':'Run the checks','scope':'workspace','acceptance_tests':['npm test'],'depends_on':['t3']}]";
        List<TaskPacket> revised = refine(plan(json), "The header doesn't need to wait for the theme. Skip the survey; thanks!");
        assertThat(revised).extracting(TaskPacket::id).doesNotContain("t1");
        assertThat(PlanRules.reaches(revised, "t3", "t2")).isFalse();
    }

    @Test
    void gibberishAndUnknownTasksAreRefusedClearly() throws Exception {
        List<TaskPacket> packets = plan(PROVIDER_THEN_TOGGLE);
        assertThatThrownBy(() -> refine(packets, "make it more enterprise-y"))
                .isInstanceOf(FeedbackNotUnderstood.class).hasMessageContaining("Could not understand 'make it more enterprise-y'");
        assertThatThrownBy(() -> refine(packets, "drop the database migration"))
                .isInstanceOf(FeedbackNotUnderstood.class).hasMessageContaining("No task matches").hasMessageContaining("t1");
        assertThatThrownBy(() -> refine(packets, "drop task 9"))
                .isInstanceOf(FeedbackNotUnderstood.class).hasMessageContaining("no task 9");
        assertThatThrownBy(() -> refine(packets, "drop the theme work"))
                .isInstanceOf(FeedbackNotUnderstood.class).hasMessageContaining("could mean any of t1, t2");
        assertThatThrownBy(() -> refine(packets, "Thanks!"))
                .isInstanceOf(FeedbackNotUnderstood.class).hasMessageContaining("asks for no change");
    }

    @Test
    void aDependencyThatMakesACycleIsCaughtByTheRules() throws Exception {
        List<TaskPacket> packets = plan(PROVIDER_THEN_TOGGLE);
        List<TaskPacket> revised = new PlanEditor(packets, null)
                .apply(FeedbackParser.parse("the context provider should wait for the toggle UI")).packets();
        assertThat(PlanRules.check(revised).errors()).extracting(PlanFinding::code).containsExactly("cycle");
    }

    @Test
    void phrasingsMapToEdits() throws Exception {
        assertThat(FeedbackParser.parse("Do t3 before t2")).containsExactly(new PlanEdit.Order("t3", "t2"));
        assertThat(FeedbackParser.parse("t2 should come after t3")).containsExactly(new PlanEdit.Order("t3", "t2"));
        assertThat(FeedbackParser.parse("Move the toggle task ahead of the provider"))
                .containsExactly(new PlanEdit.Order("the toggle task", "the provider"));
        assertThat(FeedbackParser.parse("the toggle first")).containsExactly(new PlanEdit.First("the toggle"));
        assertThat(FeedbackParser.parse("run t2 and t3 in parallel"))
                .containsExactly(new PlanEdit.Unblock("t2", "t3"), new PlanEdit.Unblock("t3", "t2"));
        assertThat(FeedbackParser.parse("remove the dependency of t3 on t2")).containsExactly(new PlanEdit.Unblock("t3", "t2"));
        assertThat(FeedbackParser.parse("t3 no longer depends on t2")).containsExactly(new PlanEdit.Unblock("t3", "t2"));
        assertThat(FeedbackParser.parse("make t2 depend on t3")).containsExactly(new PlanEdit.Depend("t2", "t3"));
        assertThat(FeedbackParser.parse("Task 2 isn't needed")).containsExactly(new PlanEdit.Drop("Task 2"));
        assertThat(FeedbackParser.parse("I'd like you to skip the survey step, thanks")).containsExactly(new PlanEdit.Drop("the survey step"));
        assertThat(FeedbackParser.parse("t2 should only touch src/x")).containsExactly(new PlanEdit.SetScope("t2", "src/x"));
        assertThat(FeedbackParser.parse("set the acceptance tests for t2 to `npm test` and `npm run lint`"))
                .containsExactly(new PlanEdit.SetTests("t2", List.of("npm test", "npm run lint"), false));
        assertThat(FeedbackParser.parse("add a step to write docs after task 2")).containsExactly(new PlanEdit.Add("write docs", "task 2", null));
        assertThat(FeedbackParser.parse("Put task 3 before task 2, and drop task 1"))
                .containsExactly(new PlanEdit.Order("task 3", "task 2"), new PlanEdit.Drop("task 1"));
    }

    @Test
    void sentencesDoNotSplitInsidePathsOrCode() {
        assertThat(FeedbackParser.sentences("use `npm run x. y` as the acceptance test for task 1. Then drop src/a.js"))
                .containsExactly("use `npm run x. y` as the acceptance test for task 1", " Then drop src/a.js");
    }
}
