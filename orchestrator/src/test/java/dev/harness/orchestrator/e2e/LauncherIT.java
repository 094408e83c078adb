package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On a fresh clone bin/orchestrator builds what is missing by itself, saying so on stderr (with
 * Maven's own output there too), then runs. Maven is stood in for by a script that "builds" by
 * copying the real jar, so the launcher's behaviour is tested without a multi-minute build.
 */
class LauncherIT extends E2E {
    @Test
    void aFreshCloneBuildsOnFirstUseWithEverythingOnStderr() throws Exception {
        Path clone = temp.resolve("clone");
        Files.createDirectories(clone.resolve("bin"));
        for (String name : new String[] {"harness-launch", "orchestrator"}) {
            Files.copy(ROOT.resolve("bin").resolve(name), clone.resolve("bin").resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path tools = Files.createDirectories(temp.resolve("tools"));
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"[INFO] BUILD SUCCESS ($*)\"\nmkdir -p orchestrator/target\ncp '"
                + ROOT.resolve("orchestrator/target/orchestrator.jar") + "' orchestrator/target/orchestrator.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(clone.resolve("bin/orchestrator").toString(), "--version")
                .directory(temp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PATH", tools + ":" + System.getenv("PATH"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).startsWith("orchestrator ").doesNotContain("BUILD", "building");
        assertThat(Files.readString(err)).contains("first use — building the harness", "[INFO] BUILD SUCCESS (-B -DskipTests package)",
                "built; continuing");

        // built once: the next use says nothing about building
        Process again = new ProcessBuilder(clone.resolve("bin/orchestrator").toString(), "--version")
                .redirectErrorStream(true).start();
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(again.getInputStream().readAllBytes())).doesNotContain("building");
    }

    /**
     * The person's own Maven build is still running in the checkout (started by hand, ahead of time): the
     * first use waits for it and runs what it built, never a second build beside it. The stand-in for
     * that build is a process working in the checkout with Maven's launcher class in its command.
     */
    @Test
    void aFirstUseWaitsForTheMavenBuildAlreadyRunningInTheCheckout() throws Exception {
        Path clone = temp.resolve("building");
        Files.createDirectories(clone.resolve("bin"));
        for (String name : new String[] {"harness-launch", "orchestrator"}) {
            Files.copy(ROOT.resolve("bin").resolve(name), clone.resolve("bin").resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path tools = Files.createDirectories(temp.resolve("tools3"));
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho 'a second build was started' >&2\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path started = temp.resolve("hand-build-started");
        Path release = temp.resolve("hand-build-may-end");
        // the hand build: it says it started, waits to be let go, then writes its jar and ends
        ProcessBuilder hand = new ProcessBuilder("bash", "-c", "touch \"$0\"; while [ ! -f \"$1\" ]; do sleep 0.2; done;"
                + " mkdir -p orchestrator/target; cp \"$2\" orchestrator/target/orchestrator.jar",
                started.toString(), release.toString(), ROOT.resolve("orchestrator/target/orchestrator.jar").toString(),
                "org.codehaus.plexus.classworlds.launcher.Launcher", "-DskipTests", "package")
                .directory(clone.toFile()).redirectErrorStream(true);
        hand.environment().remove("MAVEN_PROJECTBASEDIR");
        Process build = hand.start();
        while (!Files.exists(started)) {
            Thread.sleep(50);
        }
        Path out = temp.resolve("wait-out.txt");
        Path err = temp.resolve("wait-err.txt");
        ProcessBuilder builder = new ProcessBuilder(clone.resolve("bin/orchestrator").toString(), "--version")
                .directory(temp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PATH", tools + ":" + System.getenv("PATH"));
        builder.environment().remove("MAVEN_PROJECTBASEDIR"); // run by the person, not by a Maven build
        Process launcher = builder.start();
        while (!Files.readString(err).contains("waiting for the Maven build")) {
            assertThat(launcher.isAlive()).as(Files.readString(err)).isTrue();
            Thread.sleep(50);
        }
        Files.writeString(release, "");
        assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(launcher.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).startsWith("orchestrator ");
        assertThat(Files.readString(err)).contains("waiting for the Maven build already running in", "process " + build.pid())
                .doesNotContain("a second build", "building the harness");
    }

    /** After `git pull` the launcher's build is older than the checkout: it rebuilds, saying so, once. */
    @Test
    void aCheckoutThatMovedSinceTheLaunchersBuildIsRebuiltOnce() throws Exception {
        Path clone = temp.resolve("pulled");
        Files.createDirectories(clone.resolve("bin"));
        for (String name : new String[] {"harness-launch", "orchestrator"}) {
            Files.copy(ROOT.resolve("bin").resolve(name), clone.resolve("bin").resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path ref = Files.createDirectories(clone.resolve(".git/refs/heads")).resolve("main");
        Files.writeString(clone.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(ref, "1111111111111111111111111111111111111111\n");
        Path tools = Files.createDirectories(temp.resolve("tools2"));
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"[INFO] BUILD SUCCESS ($*)\"\nmkdir -p orchestrator/target\ncp '"
                + ROOT.resolve("orchestrator/target/orchestrator.jar") + "' orchestrator/target/orchestrator.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(launch(clone, tools)).contains("first use — building the harness");
        assertThat(launch(clone, tools)).doesNotContain("BUILD", "rebuilding");
        Files.writeString(ref, "2222222222222222222222222222222222222222\n"); // git pull
        assertThat(launch(clone, tools)).contains("the checkout changed since the harness was built (commit 1111111111111111111111111111111111111111 -> 2222222222222222222222222222222222222222): rebuilding",
                "[INFO] BUILD SUCCESS (-B -DskipTests package)", "built; continuing");
        assertThat(launch(clone, tools)).doesNotContain("BUILD", "rebuilding");
    }

    /** What bin/orchestrator --version printed on stderr (it must exit 0 and print its version on stdout). */
    private String launch(Path clone, Path tools) throws Exception {
        Path out = temp.resolve("launch-out.txt");
        Path err = temp.resolve("launch-err.txt");
        ProcessBuilder builder = new ProcessBuilder(clone.resolve("bin/orchestrator").toString(), "--version")
                .directory(temp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PATH", tools + ":" + System.getenv("PATH"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).startsWith("orchestrator ");
        return Files.readString(err);
    }

    @Test
    void withoutMavenTheMessageSaysWhatToInstallAndExitsAsAMissingPiece() throws Exception {
        Path clone = temp.resolve("clone");
        Files.createDirectories(clone.resolve("bin"));
        for (String name : new String[] {"harness-launch", "orchestrator"}) {
            Files.copy(ROOT.resolve("bin").resolve(name), clone.resolve("bin").resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        ProcessBuilder builder = new ProcessBuilder(clone.resolve("bin/orchestrator").toString(), "--version").redirectErrorStream(true);
        // a PATH with what the launcher needs before it looks for Maven, and no Maven
        Path bare = Files.createDirectories(temp.resolve("bare"));
        for (String tool : new String[] {"bash", "readlink", "dirname"}) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bare.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        builder.environment().put("PATH", bare.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(text).isEqualTo(4);
        assertThat(text).contains("Maven (mvn) is not on PATH", "mvn -B -DskipTests package");
    }
}
