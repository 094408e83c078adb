package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Maven module whose Scala compiler cannot run on the JDK here fails the full build whatever a change does: said up front. */
class ScalaJdkTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "Scala {0} → JDK {1} at most")
    @CsvSource({
        "2.10.4, 8",
        "2.11.4, 8",
        "2.11.12, 0",
        "2.12.2, 8",
        "2.12.10, 16",
        "2.12.15, 20",
        "2.12.18, 0",
        "2.13.1, 16",
        "2.13.9, 20",
        "2.13.14, 0",
        "3.3.1, 0",
        "'${scala.version}', 0",
    })
    void newestJdkEachScalaRunsOn(String version, int newest) {
        assertThat(ToolchainDetector.newestJdkFor(version)).isEqualTo(newest);
    }

    @Test
    void aModuleOnAScalaTooOldForTheJdkIsNamed() throws Exception {
        write(temp, "pom.xml", "<project><modules>\n<module>core</module>\n<module>scala</module>\n</modules></project>\n");
        write(temp, "core/pom.xml", "<project><artifactId>core</artifactId></project>\n");
        write(temp, "scala/pom.xml", "<project><modules><module>scala-2.10</module><module>scala-2.13</module></modules></project>\n");
        write(temp, "scala/scala-2.10/pom.xml", "<project><properties><scala.version>2.10.4</scala.version></properties>"
                + "<dependencies><dependency><groupId>org.scala-lang</groupId><artifactId>scala-library</artifactId>"
                + "<version>${scala.version}</version></dependency></dependencies></project>\n");
        write(temp, "scala/scala-2.13/pom.xml", "<project><dependencies><dependency><groupId>org.scala-lang</groupId>"
                + "<artifactId>scala-library</artifactId><version>2.13.9</version></dependency></dependencies></project>\n");
        assertThat(ToolchainDetector.modulesTooOldForJdk(temp, 17))
                .containsExactly("scala/scala-2.10 (Scala 2.10.4, which runs on JDK 8 at most)");
        assertThat(ToolchainDetector.modulesTooOldForJdk(temp, 21)).containsExactly(
                "scala/scala-2.10 (Scala 2.10.4, which runs on JDK 8 at most)", "scala/scala-2.13 (Scala 2.13.9, which runs on JDK 20 at most)");
        assertThat(ToolchainDetector.modulesTooOldForJdk(temp, 8)).isEmpty();
    }

    @Test
    void theJdkMavenRunsOnIsJavaHomesElseThatOfJavaOnPath() throws Exception {
        write(temp, "jdk8/release", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"1.8.0_392\"\n");
        write(temp, "jdk17/release", "JAVA_VERSION=\"17.0.15\"\n");
        write(temp, "jdk17/bin/java", "#!/bin/sh\n");
        assertThat(temp.resolve("jdk17/bin/java").toFile().setExecutable(true)).isTrue();
        assertThat(new ToolchainDetector(Map.of("JAVA_HOME", temp.resolve("jdk8").toString(), "PATH", "")).mavenJdk()).isEqualTo(8);
        assertThat(new ToolchainDetector(Map.of("PATH", temp.resolve("jdk17/bin").toString())).mavenJdk()).isEqualTo(17);
        assertThat(new ToolchainDetector(Map.of("PATH", "")).mavenJdk()).isZero();
    }

    @Test
    void thePlansNotesSayWhichModuleTheJdkHereCannotBuild() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("multi"));
        write(ws, "pom.xml", "<project><modules>\n<module>core</module>\n<module>scala-2.10</module>\n</modules></project>\n");
        write(ws, "core/pom.xml", "<project><artifactId>core</artifactId></project>\n");
        write(ws, "scala-2.10/pom.xml", "<project><dependencies><dependency><groupId>org.scala-lang</groupId>"
                + "<artifactId>scala-library</artifactId><version>2.10.4</version></dependency></dependencies></project>\n");
        write(temp, "jdk17/release", "JAVA_VERSION=\"17.0.15\"\n");
        WorkspaceCommands commands = new ToolchainDetector(Map.of("JAVA_HOME", temp.resolve("jdk17").toString(), "PATH", ""))
                .detect(ws);
        assertThat(commands.notes()).anyMatch(n -> n.startsWith("Maven module scala-2.10 (Scala 2.10.4, which runs on JDK 8 at most) "
                + "cannot be compiled on JDK 17, the JDK here: 'mvn -q test' fails in that module"));
    }
}
