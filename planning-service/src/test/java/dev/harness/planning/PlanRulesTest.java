package dev.harness.planning;

import dev.harness.api.plan.PlanFinding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanRulesTest {
    private static ArrayNode packets(String json) throws Exception {
        return (ArrayNode) Json.parse(json.replace('\'', '"'));
    }

    private static String packet(String id, String deps) {
        return "{'id':'" + id + "','title':'Add the " + id + " endpoint','objective':'Add GET /" + id + " to src/api/" + id
                + ".js','scope':'single_file','scope_path':'src/api/" + id + ".js','acceptance_tests':['node --test test/" + id + ".test.js'],'depends_on':" + deps + "}";
    }

    private static List<String> codes(List<PlanFinding> findings) {
        return findings.stream().map(PlanFinding::code).toList();
    }

    @Test
    void aWellFormedDagIsValidWithoutWarnings() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[" + packet("a", "[]") + "," + packet("b", "[]") + ","
                + packet("c", "['a','b']") + "]"));
        assertThat(report.valid()).isTrue();
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void cyclesAreSpelledOut() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[" + packet("a", "['c']") + "," + packet("b", "['a']") + ","
                + packet("c", "['b']") + "]"));
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).extracting(PlanFinding::message).containsExactly("Dependency cycle: a → c → b → a.");
        assertThat(report.errors().get(0).path()).isEqualTo("/packets/0/depends_on");
    }

    @Test
    void selfDependencyIsACycle() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[" + packet("a", "['a']") + "," + packet("b", "[]") + ","
                + packet("c", "[]") + "]"));
        assertThat(report.errors()).extracting(PlanFinding::message).containsExactly("Dependency cycle: a → a.");
    }

    @Test
    void duplicateIdsAndUnknownDependenciesAreErrorsWithPaths() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[" + packet("a", "[]") + "," + packet("a", "[]") + ","
                + packet("c", "['zz']") + "]"));
        assertThat(codes(report.errors())).containsExactlyInAnyOrder("duplicate_id", "unknown_dependency");
        PlanFinding unknown = report.errors().stream().filter(f -> f.code().equals("unknown_dependency")).findFirst().orElseThrow();
        assertThat(unknown.path()).isEqualTo("/packets/2/depends_on/0");
        assertThat(unknown.message()).contains("'zz'");
    }

    @Test
    void scopeThatNeedsAPathWithoutOneIsAnError() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[{'id':'a','title':'Rename x','objective':'Rename foo to bar in lib',"
                + "'scope':'module','acceptance_tests':['make test']}," + packet("b", "[]") + "," + packet("c", "[]") + "]"));
        assertThat(codes(report.errors())).containsExactly("missing_scope_path");
        assertThat(report.errors().get(0).path()).isEqualTo("/packets/0/scope_path");
    }

    @Test
    void schemaErrorsOfOnePacketCarryItsPath() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[{'id':'a','objective':'Do x in src/x','scope':'galaxy',"
                + "'acceptance_tests':['make test']}," + packet("b", "[]") + "," + packet("c", "[]") + "]"));
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("schema");
            assertThat(f.path()).isEqualTo("/packets/0/scope");
        });
    }

    @Test
    void sizeVaguenessAndMissingTestsAreWarnings() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[{'id':'a','title':'Improve performance','objective':'Improve performance',"
                + "'scope':'workspace','acceptance_tests':[]},{'id':'b','objective':'Clean up the code','scope':'workspace',"
                + "'acceptance_tests':['echo done']}]"));
        assertThat(report.valid()).isTrue();
        assertThat(codes(report.warnings())).contains("vague_packet", "no_acceptance_tests", "trivial_acceptance_test")
                .doesNotContain("plan_size"); // a small plan is fine: one packet per coherent change
        assertThat(report.warnings().stream().filter(f -> f.code().equals("vague_packet")).map(PlanFinding::packetId))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void concreteWorkWithAVagueVerbIsNotVague() {
        assertThat(PlanRules.isVague("Optimize the SQL query in src/db/users.js", "single_file", "src/db/users.js")).isFalse();
        assertThat(PlanRules.isVague("Refactor renderWidget to take a theme", "workspace", ".")).isFalse();
        assertThat(PlanRules.isVague("Add a dark palette", "workspace", ".")).isFalse();
        assertThat(PlanRules.isVague("Optimize things", "workspace", ".")).isTrue();
    }

    @Test
    void onlyCommandsThatCannotFailAreTrivial() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[{'id':'a','objective':'Add GET /a to src/api/a.js','scope':'workspace',"
                + "'acceptance_tests':['exit 0','true','echo ok | grep -q ok','printf x > out && test -s out','npm test']}]"));
        assertThat(report.warnings().stream().filter(f -> f.code().equals("trivial_acceptance_test")).map(PlanFinding::path))
                .containsExactly("/packets/0/acceptance_tests/0", "/packets/0/acceptance_tests/1");
    }

    @Test
    void tooManyPacketsIsAWarningNotAnError() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            json.append(i == 0 ? "" : ",").append(packet("p" + i, "[]"));
        }
        PlanRules.Report report = PlanRules.check(packets(json + "]"));
        assertThat(report.valid()).isTrue();
        assertThat(codes(report.warnings())).containsExactly("plan_size");
    }

    @Test
    void anEmptyPlanIsAnError() {
        assertThat(codes(PlanRules.check(Json.array()).errors())).containsExactly("empty_plan");
    }

    @Test
    void reportSerialisesToTheContractShape() throws Exception {
        var json = PlanRules.check(packets("[" + packet("a", "['b']") + "," + packet("b", "['a']") + "]")).toJson();
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("errors").get(0).get("code").asText()).isEqualTo("cycle");
        assertThat(json.get("warnings").isArray()).isTrue();
    }

    @Test
    void vagueVerbsCountOnlyAsWholeWords() {
        assertThat(PlanRules.isVague("Clean up stuff", "workspace", ".")).isTrue();
        assertThat(PlanRules.isVague("General cleanup", "workspace", ".")).isTrue();
        assertThat(PlanRules.isVague("Improvements", "workspace", ".")).isTrue();
        // the same letters inside longer words are not vague verbs
        assertThat(PlanRules.isVague("Betterment of the generalist cleaner", "workspace", ".")).isFalse();
        assertThat(PlanRules.isVague("improve_ment", "workspace", ".")).isFalse();
        assertThat(PlanRules.isVague("Polish… everything", "workspace", ".")).isTrue();
        assertThat(PlanRules.isVague("Überall TIDY", "workspace", ".")).isTrue();
        assertThat(PlanRules.isVague("Éclean things", "workspace", ".")).isTrue(); // things, not clean
        assertThat(PlanRules.mayBeVague("Écleanup")).isFalse();
    }

    @Test
    void trivialTestsAreRecognisedWithLeadingBlanksAndNotInsideOtherCommands() {
        assertThat(PlanRules.isTrivialTest("  sleep 3 ;")).isTrue();
        assertThat(PlanRules.isTrivialTest("\t/bin/true")).isTrue();
        assertThat(PlanRules.isTrivialTest(":")).isTrue();
        assertThat(PlanRules.isTrivialTest("truecrypt --check")).isFalse();
        assertThat(PlanRules.isTrivialTest("npm test && true")).isFalse();
        assertThat(PlanRules.isTrivialTest("test -d 'src'")).isFalse();
    }

    @Test
    void ownPacketsGetTheSameRulesExceptTheSchemaPass() throws Exception {
        ArrayNode plan = packets("[" + packet("a", "[]") + ",{'id':'b','objective':'Optimize things','scope':'module',"
                + "'acceptance_tests':['true'],'depends_on':['a','zzz'],'extra_number':'x','timeout_seconds':'soon'}]");
        PlanRules.Report full = PlanRules.check(plan);
        PlanRules.Report own = PlanRules.checkOwn(plan);
        assertThat(own.warnings()).isEqualTo(full.warnings());
        assertThat(codes(full.errors())).contains("schema");
        assertThat(own.errors()).isEqualTo(full.errors().stream().filter(f -> !f.code().equals("schema")).toList());
        assertThat(codes(own.errors())).containsExactly("missing_scope_path", "unknown_dependency");
    }

    @Test
    void checksThatCannotFailRewriteTheTreeOrRepeatTheSuiteAreReportedInAnyPlan() throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[{'id':'a','objective':'Add a dark palette to src/theme/theme.js',"
                + "'scope':'module','scope_path':'src/theme','acceptance_tests':['test -d src/theme','npx prettier --write .','npm test']},"
                + "{'id':'b','objective':'Render the dark palette in src/dashboard/dashboard.js','scope':'module','scope_path':'src/dashboard',"
                + "'acceptance_tests':['test -n \\\"$(ls -A .)\\\"','npm test'],'verification':'unverifiable'},"
                + "{'id':'c','objective':'Parse ranges in core/src/main/java/x/Range.java','scope':'workspace',"
                + "'acceptance_tests':['mvn -q test -Dtest=RangeTest','mvn -q test -Dtest=ParserTest']}]"));
        assertThat(report.valid()).isTrue();
        assertThat(report.warnings()).extracting(PlanFinding::code, PlanFinding::path).contains(
                org.assertj.core.groups.Tuple.tuple("check_cannot_fail", "/packets/0/acceptance_tests/0"),
                org.assertj.core.groups.Tuple.tuple("check_rewrites_tree", "/packets/0/acceptance_tests/1"),
                org.assertj.core.groups.Tuple.tuple("check_cannot_fail", "/packets/1/acceptance_tests/0"),
                org.assertj.core.groups.Tuple.tuple("unverifiable", "/packets/1/verification"),
                org.assertj.core.groups.Tuple.tuple("repeated_suite", "/packets"),
                org.assertj.core.groups.Tuple.tuple("maven_per_class", "/packets"));
        assertThat(report.warningMessages()).anyMatch(m -> m.contains("'npm test' runs in 2 packets (a, b)"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        // packet fields                                           | the one finding about its checks
        "'acceptance_tests':[],'verification':'unverifiable'        | unverifiable",
        "'acceptance_tests':[]                                      | no_acceptance_tests",
        "'acceptance_tests':['npm test'],'verification':'unverifiable' | unverifiable",
    })
    void aPacketNothingChecksIsSaidOnceNotInTwoWords(String fields, String code) throws Exception {
        PlanRules.Report report = PlanRules.check(packets("[{'id':'t1','objective':'Add a dark palette to src/theme/theme.js',"
                + "'scope':'module','scope_path':'src/theme'," + fields.strip() + "}]"));
        assertThat(codes(report.warnings())).filteredOn(c -> c.equals("unverifiable") || c.equals("no_acceptance_tests"))
                .containsExactly(code);
    }

    @Test
    void aHundredThousandTaskChainListedDependentsFirstValidatesWithoutDeepRecursion() throws Exception {
        for (int n : new int[] {5_000, 100_000}) {
            com.fasterxml.jackson.databind.node.ArrayNode chain = Json.array();
            for (int i = n - 1; i >= 0; i--) { // dependents first: t(n-1) → … → t0
                var packet = chain.addObject().put("id", "t" + i).put("objective", "Step " + i + " of src/chain.js")
                        .put("scope", "workspace");
                packet.putArray("acceptance_tests").add("node --test test/t" + i + ".test.js");
                var deps = packet.putArray("depends_on");
                if (i > 0) {
                    deps.add("t" + (i - 1));
                }
            }
            PlanRules.Report report = PlanRules.check(chain);
            assertThat(report.valid()).as(n + " tasks").isTrue();
            if (n > 5_000) {
                continue;
            }
            List<TaskPacket> ordered = PlanRules.topologicalOrder(TaskPacket.fromJson(chain));
            assertThat(ordered).hasSize(n);
            assertThat(ordered.get(0).id()).isEqualTo("t0");
            // closing the chain into a ring is one cycle, found without recursion too
            ((com.fasterxml.jackson.databind.node.ArrayNode) chain.get(n - 1).get("depends_on")).add("t" + (n - 1));
            ((com.fasterxml.jackson.databind.node.ObjectNode) chain.get(n - 1)).putArray("depends_on").add("t" + (n - 1 == 0 ? 0 : 1));
            ((com.fasterxml.jackson.databind.node.ObjectNode) chain.get(0)).putArray("depends_on").add("t" + (n - 2));
            assertThat(codes(PlanRules.check(chain).errors())).contains("cycle");
        }
    }
}
