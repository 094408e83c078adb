package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method the objective writes in code ({@code getFullDescription()}) says where the change is: a class its prose
 * happens to spell ("a generic type" → GenericType.java) that does not even mention the method gives way to the class
 * defining it; of several classes defining it, the one whose name the prose writes ("an ID3v1.0 tag") is the place.
 */
class NamedDefinerTest {
    @TempDir
    Path temp;

    private Path types() throws Exception {
        Path ws = temp.resolve("types");
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>types</artifactId><version>1</version></project>");
        write(ws, "src/main/java/t/GenericType.java", "package t;\n\n/** A generic type: subclass it to capture the type arguments of a generic type. */\n"
                + "public abstract class GenericType<T> {\n    protected GenericType() {}\n}\n");
        write(ws, "src/main/java/t/ResolvedType.java", "package t;\n\npublic abstract class ResolvedType {\n"
                + "    public String getFullDescription() {\n        StringBuilder sb = new StringBuilder();\n"
                + "        for (int i = 0; i < 2; i++) {\n            if (i > 0) {\n                sb.append(';');\n            }\n        }\n"
                + "        return sb.toString();\n    }\n}\n");
        write(ws, "src/test/java/t/ResolvedTypeTest.java", "package t;\n\npublic class ResolvedTypeTest {\n}\n");
        return ws;
    }

    @Test
    void aClassTheProseSpellsWithoutTheNamedMethodGivesWayToItsDefiner() throws Exception {
        assertThat(located("The full description of a generic type must separate its type arguments with a comma: "
                + "`getFullDescription()` of Map<Long,Boolean> must list both", facts(types())))
                .containsExactly("src/main/java/t/ResolvedType.java");
    }

    @Test
    void ofTheClassesDefiningTheNamedMethodTheOneTheProseNamesIsThePlace() throws Exception {
        Path ws = temp.resolve("tags");
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>tags</artifactId><version>1</version></project>");
        for (String tag : new String[] {"ID3v1Tag", "ID3v2Tag"}) {
            write(ws, "src/main/java/t/" + tag + ".java", "package t;\n\npublic class " + tag + " {\n    private String track;\n"
                    + "    private String comment;\n\n    /** The track number, read with the comment. */\n"
                    + "    public String getTrack() {\n        return track;\n    }\n\n    public String getComment() {\n        return comment;\n    }\n}\n");
        }
        write(ws, "src/test/java/t/ID3v1TagTest.java", "package t;\n\npublic class ID3v1TagTest {\n}\n");
        assertThat(located("Reading an ID3v1.0 tag whose comment is full treats the last bytes as a track: then `getTrack()` "
                + "must be null and the comment all 30 bytes", facts(ws))).containsExactly("src/main/java/t/ID3v1Tag.java");
    }
}
