package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file calling two functions the objective spells in its words (packSynchsafeInteger and unpackSynchsafeInteger), both
 * of one other file: that file is the place, not the caller.
 */
class SpelledCalleePairTest {
    @TempDir
    Path temp;

    @Test
    void twoSpelledCalleesOfOneFileMoveThePlaceThere() throws Exception {
        Path ws = temp.resolve("tags");
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>tags</artifactId><version>1</version></project>");
        write(ws, "src/main/java/t/HeaderTag.java", "package t;\n\npublic class HeaderTag {\n"
                + "    // the header's size is a synchsafe integer: unpacked when read, packed when written\n"
                + "    private int size;\n\n    public void read(byte[] header) {\n"
                + "        size = Bytes.unpackSynchsafeInteger(header[6], header[7], header[8], header[9]);\n    }\n\n"
                + "    public void write(byte[] header) {\n        Bytes.packSynchsafeInteger(size, header, 6);\n    }\n}\n");
        write(ws, "src/main/java/t/Bytes.java", "package t;\n\npublic final class Bytes {\n"
                + "    public static int unpackSynchsafeInteger(byte b1, byte b2, byte b3, byte b4) {\n"
                + "        return (b4 & 0x7f) + ((b3 & 0x7f) << 7) + ((b2 & 0x7f) << 14) + ((b1 & 0x7f) << 21);\n    }\n\n"
                + "    public static void packSynchsafeInteger(int i, byte[] bytes, int offset) {\n"
                + "        bytes[offset + 3] = (byte) (i & 0x7f);\n    }\n}\n");
        write(ws, "src/test/java/t/BytesTest.java", "package t;\n\npublic class BytesTest {\n}\n");
        assertThat(located("header sizes are synchsafe integers: unpacking the four header bytes must give 257, and packing then "
                + "unpacking any value must round-trip", facts(ws))).containsExactly("src/main/java/t/Bytes.java");
    }
}
