package dev.harness.planning;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A packet's {@code files} against the workspace: a listed file that is not there is worth a
 * person's look (a planner's guess at a name), unless the packet says it creates that file.
 */
final class ExpectedFiles {
    /** A sentence that makes a file, not one that only talks about it. */
    private static final Pattern CREATES = Pattern.compile(
            "\\b(?:create[sd]?|creating|add(?:s|ed|ing)?|new|write|writes|generate[sd]?|introduce[sd]?)\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.;:!?])\\s+|\\n");

    private ExpectedFiles() {}

    /**
     * The listed files missing from {@code root} that {@code packetText} (objective and
     * description) does not say it creates; entries that are not workspace-relative paths are left
     * to the schema (they are errors there).
     */
    static List<String> absent(List<String> files, String packetText, Path root) {
        List<String> absent = new ArrayList<>();
        for (String file : files) {
            if (dev.harness.api.plan.TaskPacket.fileProblem(file) != null) {
                continue;
            }
            Path path;
            try {
                path = root.resolve(file);
            } catch (java.nio.file.InvalidPathException e) {
                absent.add(file);
                continue;
            }
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !saysItCreates(packetText, file)) {
                absent.add(file);
            }
        }
        return absent;
    }

    /** Whether a sentence of the text names the file (its path or its file name) with a word that makes it. */
    static boolean saysItCreates(String text, String file) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String name = file.substring(file.lastIndexOf('/') + 1);
        for (String sentence : SENTENCE_END.split(text)) {
            if ((sentence.contains(file) || !name.isEmpty() && sentence.contains(name))
                    && CREATES.matcher(sentence.toLowerCase(Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }

    /** The sentence a person reads for a missing file. */
    static String warning(String packetName, String file) {
        return packetName + " lists the file " + file + ", which does not exist in the workspace, and its objective does not "
                + "say to create it; check the name before approving.";
    }
}
