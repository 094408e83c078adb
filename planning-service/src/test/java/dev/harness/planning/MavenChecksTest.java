package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Maven change's -Dtest names only classes the project's surefire includes run: never a helper beside the tests. */
class MavenChecksTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} under {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "src/test/java/a/b/WrapTest.java | defaults | true",
        "src/test/java/a/b/TestWrap.java | defaults | true",
        "src/test/java/a/b/WrapTests.java | defaults | true",
        "src/test/java/a/b/WrapTestCase.java | defaults | true",
        "core/src/test/kotlin/a/WrapTest.kt | defaults | true",
        "src/test/java/a/b/WrapAppendable.java | defaults | false",
        "src/test/java/a/b/Testing.java | defaults | true",
        "src/test/java/a/b/WrapTestSupport.java | defaults | false",
        "src/main/java/a/b/WrapTest.java | defaults | false",
        "src/test/java/a/b/WrapSpec.java | **/*Spec.java | true",
        "src/test/java/a/b/WrapTest.java | **/*Spec.java | false",
        "src/test/java/a/b/WrapSpec.java | a/**/*Spec | true",
        "src/test/java/c/WrapSpec.java | a/**/*Spec | false",
        "src/test/java/a/WrapIT.java | **/*IT.class | true",
    })
    void surefireRunsOnlyWhatItsIncludesMatch(String path, String includes, boolean runs) {
        List<String> patterns = includes.equals("defaults") ? TestRunner.SUREFIRE_DEFAULT_INCLUDES
                : Arrays.asList(includes.split(","));
        assertThat(TestRunner.surefireRuns(path, patterns)).isEqualTo(runs);
    }

    @Test
    void aHelperBesideTheTestsNeverReachesDashDTest() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("wrapping"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>wrapping</artifactId>"
                + "<version>1</version></project>\n");
        write(ws, "src/main/java/a/LineWrapper.java", "package a;\n\n/** Wraps lines at a width. */\npublic class LineWrapper {\n"
                + "    public String wrapLine(String text, int width) { return text; }\n}\n");
        write(ws, "src/test/java/a/LineWrapperTest.java", "package a;\n\nclass LineWrapperTest {\n"
                + "    @org.junit.jupiter.api.Test void wrapLine() { new LineWrapper().wrapLine(\"a b\", 1); }\n}\n");
        // a helper the tests share: it uses LineWrapper too, but surefire's includes never run it
        write(ws, "src/test/java/a/LineWrapperFixture.java", "package a;\n\nclass LineWrapperFixture {\n"
                + "    static String wrapLine(String s) { return new LineWrapper().wrapLine(s, 10); }\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("`LineWrapper.wrapLine` should break at the last space before the width",
                facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(checks).first().asString().isEqualTo("mvn -q test -Dtest=LineWrapperTest");
    }

    /**
     * Codes.decode's own test holds the name the objective gives; DigestTest only passes through Codes (every test of the
     * library does): padding beside the class's own test, unless it holds as much of the objective.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "void digest() { Codes.encode(new byte[] {1}); } | mvn -q test -Dtest=CodesTest",
        "void digest() { Codes.decode(\"0b\"); }          | mvn -q test -Dtest=CodesTest,DigestTest",
    })
    void aClassesOwnTestHoldingTheObjectivesNamesLeavesOutTestsHoldingLess(String digestTest, String check) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("codes"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>codes</artifactId>"
                + "<version>1</version></project>\n");
        write(ws, "src/main/java/a/Codes.java", "package a;\n\n/** Hexadecimal text to bytes and back. */\npublic class Codes {\n"
                + "    public static byte[] decode(String text) {\n        byte[] out = new byte[text.length() / 2];\n"
                + "        for (int i = 0; i < out.length; i++) {\n"
                + "            out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);\n        }\n"
                + "        return out;\n    }\n\n"
                + "    public static String encode(byte[] bytes) {\n        StringBuilder out = new StringBuilder();\n"
                + "        for (byte b : bytes) {\n            out.append(String.format(\"%02x\", b));\n        }\n"
                + "        return out.toString();\n    }\n}\n");
        write(ws, "src/test/java/a/CodesTest.java", "package a;\n\nclass CodesTest {\n"
                + "    @org.junit.jupiter.api.Test void decode() { Codes.decode(\"0a\"); }\n}\n");
        write(ws, "src/test/java/a/digest/DigestTest.java", "package a.digest;\n\nimport a.Codes;\n\nclass DigestTest {\n"
                + "    @org.junit.jupiter.api.Test " + digestTest.strip() + "\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("`Codes.decode` given an odd number of hex digits must throw an "
                + "`IllegalArgumentException` instead of decoding part of the input", facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(checks).first().asString().isEqualTo(check);
    }

    /**
     * A pom naming its own test source root (test/ beside src/) is where its test classes are: the narrowed check names
     * the class there, as it does under src/test/java; a plugin's or a profile's tag of the same name is not the build's.
     */
    @Test
    void aRootBuildOfModulesCompilingTheRootsTestsLetsTheOtherModulesRunNone() throws Exception {
        // kryo: main/ compiles ../src and ../test; benchmarks/ has no LineWrapperTest and would fail the run without the flag
        Path ws = Files.createDirectories(temp.resolve("modules-at-root"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>parent</artifactId>"
                + "<version>1</version><packaging>pom</packaging><modules><module>main</module><module>benchmarks</module></modules>"
                + "<build><sourceDirectory>src</sourceDirectory><testSourceDirectory>test</testSourceDirectory></build></project>\n");
        write(ws, "main/pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>wrapping</artifactId>"
                + "<version>1</version><build><sourceDirectory>../src</sourceDirectory><testSourceDirectory>../test</testSourceDirectory>"
                + "</build></project>\n");
        write(ws, "benchmarks/pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>bench</artifactId>"
                + "<version>1</version></project>\n");
        write(ws, "src/a/LineWrapper.java", "package a;\n\n/** Wraps lines at a width. */\npublic class LineWrapper {\n"
                + "    public String wrapLine(String text, int width) { return text; }\n}\n");
        write(ws, "test/a/LineWrapperTest.java", "package a;\n\nclass LineWrapperTest {\n"
                + "    @org.junit.jupiter.api.Test void wrapLine() { new LineWrapper().wrapLine(\"a b\", 1); }\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("`LineWrapper.wrapLine` should break at the last space before the width",
                facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(checks).first().asString().endsWith("-Dtest=LineWrapperTest -Dsurefire.failIfNoSpecifiedTests=false");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<testSourceDirectory>test</testSourceDirectory>                   | test/a/LineWrapperTest.java  | mvn -q test -Dtest=LineWrapperTest",
        "<testSourceDirectory>${project.basedir}/test</testSourceDirectory> | test/a/LineWrapperTest.java  | mvn -q test -Dtest=LineWrapperTest",
        "<testSourceDirectory>src/tests/</testSourceDirectory>              | src/tests/a/LineWrapperTest.java | mvn -q test -Dtest=LineWrapperTest",
        "                                                                  | src/test/java/a/LineWrapperTest.java | mvn -q test -Dtest=LineWrapperTest",
    })
    void aTestSourceRootThePomNamesIsWhereItsTestClassesAre(String tag, String testPath, String check) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("root" + Math.abs(testPath.hashCode() + String.valueOf(tag).hashCode())));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>wrapping</artifactId>"
                + "<version>1</version><build><sourceDirectory>src</sourceDirectory>" + (tag == null ? "" : tag)
                + "</build></project>\n");
        write(ws, "src/a/LineWrapper.java", "package a;\n\n/** Wraps lines at a width. */\npublic class LineWrapper {\n"
                + "    public String wrapLine(String text, int width) { return text; }\n}\n");
        write(ws, testPath, "package a;\n\nclass LineWrapperTest {\n"
                + "    @org.junit.jupiter.api.Test void wrapLine() { new LineWrapper().wrapLine(\"a b\", 1); }\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("`LineWrapper.wrapLine` should break at the last space before the width",
                facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(checks).first().asString().isEqualTo(check);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<build><testSourceDirectory>test</testSourceDirectory></build> | '' | test",
        "<build><testSourceDirectory>test</testSourceDirectory></build> | core | core/test",
        "<build><plugins><plugin><configuration><testSourceDirectory>it</testSourceDirectory></configuration></plugin></plugins></build> | '' | ",
        "<profiles><profile><build><testSourceDirectory>it</testSourceDirectory></build></profile></profiles> | '' | ",
        "<build><testSourceDirectory>${tests.dir}</testSourceDirectory></build> | '' | ",
        "<build><testSourceDirectory>../elsewhere</testSourceDirectory></build> | '' | ",
    })
    void theTestSourceRootIsTheBuildsOwnAndInsideTheModule(String build, String module, String root) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("pom" + Math.abs((build + module).hashCode())));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>a</artifactId>"
                + "<version>1</version>" + build + "</project>\n");
        assertThat(TestRunner.testSourceRoot(ws, module)).isEqualTo(java.util.Optional.ofNullable(root));
    }

    @Test
    void thePomsOwnIncludesDecide() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("specs"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>specs</artifactId>"
                + "<version>1</version><build><plugins><plugin><groupId>org.apache.maven.plugins</groupId>"
                + "<artifactId>maven-surefire-plugin</artifactId><configuration><includes>\n"
                + "<include>**/*Spec.java</include>\n</includes></configuration></plugin></plugins></build></project>\n");
        assertThat(TestRunner.surefireIncludes(ws, "")).containsExactly("**/*Spec.java");
        assertThat(TestRunner.surefireIncludes(ws.resolve("nothing-here"), "")).isEqualTo(TestRunner.SUREFIRE_DEFAULT_INCLUDES);
    }

    /**
     * The licence audit an Apache Commons build binds at validate (apache-rat) tests nothing: the narrowed check skips it by
     * its documented property; the full run at the end keeps it, and a project not using it gets no flag.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<parent><groupId>org.apache.commons</groupId><artifactId>commons-parent</artifactId><version>1</version></parent> | -Drat.skip=true",
        "<build><plugins><plugin><groupId>org.apache.rat</groupId><artifactId>apache-rat-plugin</artifactId></plugin></plugins></build> | -Drat.skip=true",
        "<build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId></plugin></plugins></build> | ",
    })
    void theNarrowedCheckSkipsTheLicenceAuditOnlyWhereTheBuildRunsIt(String pomPart, String flag) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("audit" + Math.abs(pomPart.hashCode())));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion>" + pomPart + "<groupId>a</groupId>"
                + "<artifactId>wrapping</artifactId><version>1</version></project>\n");
        write(ws, "src/main/java/a/LineWrapper.java", "package a;\n\n/** Wraps lines at a width. */\npublic class LineWrapper {\n"
                + "    public String wrapLine(String text, int width) { return text; }\n}\n");
        write(ws, "src/test/java/a/LineWrapperTest.java", "package a;\n\nclass LineWrapperTest {\n"
                + "    @org.junit.jupiter.api.Test void wrapLine() { new LineWrapper().wrapLine(\"a b\", 1); }\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("`LineWrapper.wrapLine` should break at the last space before the width",
                facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(checks).first().asString().isEqualTo("mvn -q test -Dtest=LineWrapperTest" + (flag == null ? "" : " " + flag));
        assertThat(checks.subList(1, checks.size())).noneMatch(c -> c.contains("rat.skip"));
    }

    /**
     * A multi-module build's full check is the changed modules' suites with what they build on, not the reactor's
     * {@code test}: a module that needs another's packaged jar fails that on the healthy project. The modules depending
     * on the changed one are named in the plan's warnings; a change at the root keeps the reactor's run.
     */
    @Test
    void aMultiModuleBuildsFullCheckIsTheChangedModulesSuite() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("reactor"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>parent</artifactId>"
                + "<version>1</version><packaging>pom</packaging><modules>\n<module>lib</module>\n<module>app</module>\n"
                + "<module>packaged-it</module>\n</modules></project>\n");
        write(ws, "lib/pom.xml", "<project><parent><artifactId>parent</artifactId></parent><artifactId>lib</artifactId></project>\n");
        write(ws, "app/pom.xml", "<project><parent><artifactId>parent</artifactId></parent><artifactId>app</artifactId>"
                + "<dependencies><dependency><artifactId>lib</artifactId></dependency></dependencies></project>\n");
        write(ws, "packaged-it/pom.xml", "<project><parent><artifactId>parent</artifactId></parent><artifactId>packaged-it</artifactId>"
                + "<dependencies><dependency><artifactId>lib</artifactId></dependency></dependencies></project>\n");
        write(ws, "lib/src/main/java/a/LineWrapper.java", "package a;\n\n/** Wraps lines at a width. */\npublic class LineWrapper {\n"
                + "    public String wrapLine(String text, int width) { return text; }\n}\n");
        write(ws, "lib/src/test/java/a/LineWrapperTest.java", "package a;\n\nclass LineWrapperTest {\n"
                + "    @org.junit.jupiter.api.Test void wrapLine() { new LineWrapper().wrapLine(\"a b\", 1); }\n}\n");
        write(ws, "app/src/main/java/a/app/Main.java", "package a.app;\n\n/** Prints its arguments. */\npublic class Main {\n"
                + "    public static void main(String[] args) { System.out.println(String.join(\" \", args)); }\n}\n");
        WorkspaceFacts facts = facts(ws);
        PlanDraft draft = new BuiltInPlanner().plan("`LineWrapper.wrapLine` should break at the last space before the width",
                facts, null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).acceptanceTests()).containsExactly(
                "mvn -q -pl lib -am test -Dtest=LineWrapperTest -Dsurefire.failIfNoSpecifiedTests=false", "mvn -q -pl lib -am test");
        assertThat(draft.warnings()).anyMatch(w -> w.contains("(app, packaged-it) are not run"));

        WorkspacePackage lib = facts.packages().of("lib/pom.xml");
        WorkspacePackage app = facts.packages().of("app/pom.xml");
        assertThat(new PacketChecks(facts).finalChecks(new java.util.LinkedHashSet<>(List.of(lib, app))))
                .containsExactly("mvn -q -pl app,lib -am test");
        assertThat(new PacketChecks(facts).finalChecks(java.util.Set.of(lib, facts.packages().root())))
                .containsExactly("mvn -q test");
    }

    /**
     * pom.xml and a Gradle build side by side build the same sources: the suite runs once, with the tool the project's CI
     * runs (Maven when the CI names both or neither, as the narrowed -Dtest check does).
     */
    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "none | | mvn -q test",
        ".github/workflows/ci.yml | '      - run: mvn -B test' | mvn -q test",
        ".github/workflows/ci.yml | '      - run: ./gradlew build --no-daemon' | gradle test",
        ".github/workflows/ci.yml | '      - uses: gradle/actions/setup-gradle@v4' | gradle test",
        ".travis.yml | 'script: gradle check' | gradle test",
        ".github/workflows/ci.yml | '      - run: mvn verify\n      - run: gradle test' | mvn -q test",
        ".github/workflows/ci.yml | '        cache: gradle\n      - run: ./mvnw -B verify' | mvn -q test",
    })
    void mavenBesideGradleRunsTheSuiteOnceWithTheToolTheCiRuns(String ciFile, String ciText, String expected) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("both" + Math.abs((ciFile + ciText).hashCode())));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>both</artifactId>"
                + "<version>1</version></project>\n");
        write(ws, "build.gradle", "apply plugin: 'java'\n");
        if (!ciFile.equals("none")) {
            write(ws, ciFile, "jobs:\n  build:\n    steps:\n" + ciText.replace("\\n", "\n") + "\n");
        }
        WorkspaceCommands commands = new ToolchainDetector(java.util.Map.of("PATH", "/nonexistent")).detect(ws);
        assertThat(commands.testCommands()).containsExactly(expected);
        assertThat(commands.notes()).anyMatch(n -> n.startsWith("pom.xml and a Gradle build both build this project"));
    }

    /**
     * A plugin bound to the build that rewrites the sources (license-maven-plugin's format puts this year in every header)
     * would leave the person's tree changed after each check: every Maven check, narrowed and full, skips it by its
     * documented property; a plugin only checking (license:check) or not bound is left alone.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<groupId>com.mycila</groupId><artifactId>license-maven-plugin</artifactId><executions><execution><phase>validate</phase><goals><goal>format</goal></goals></execution></executions> | -Dlicense.skip=true",
        "<groupId>com.diffplug.spotless</groupId><artifactId>spotless-maven-plugin</artifactId><executions><execution><goals><goal>apply</goal></goals></execution></executions> | -Dspotless.apply.skip=true",
        "<groupId>com.mycila</groupId><artifactId>license-maven-plugin</artifactId><executions><execution><goals><goal>check</goal></goals></execution></executions> | ",
    })
    void everyMavenCheckSkipsAPluginThatRewritesTheSources(String plugin, String flag) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("rewrite" + Math.abs(plugin.hashCode())));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>wrapping</artifactId>"
                + "<version>1</version><build><plugins><plugin>" + plugin + "</plugin></plugins></build></project>\n");
        write(ws, "src/main/java/a/LineWrapper.java", "package a;\n\n/** Wraps lines at a width. */\npublic class LineWrapper {\n"
                + "    public String wrapLine(String text, int width) { return text; }\n}\n");
        write(ws, "src/test/java/a/LineWrapperTest.java", "package a;\n\nclass LineWrapperTest {\n"
                + "    @org.junit.jupiter.api.Test void wrapLine() { new LineWrapper().wrapLine(\"a b\", 1); }\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("`LineWrapper.wrapLine` should break at the last space before the width",
                facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(checks).hasSizeGreaterThan(1);
        if (flag == null) {
            assertThat(checks).noneMatch(c -> c.contains(".skip"));
        } else {
            assertThat(checks).allMatch(c -> c.contains(flag));
        }
    }
}
