package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member of a class an objective names as {@code Class.member}, {@code Class#member} or
 * {@code Class::member}: its place is the file that defines that class and, in it, that member. A
 * function of the same name elsewhere (a module-level wrapper that calls the method) is not.
 */
record ClassMembers(List<Member> members) {
    /** One {@code Owner.name} the objective writes. */
    record Member(String owner, String name) {}

    /** Where a named member is defined: the file and its defining line (the evidence). */
    record Home(String path, Member member, int line, String text) {}

    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_$.#:])(\\p{Lu}[\\p{L}\\p{N}_$]*)(?:\\.|#|::)(\\p{L}[\\p{L}\\p{N}_$]*)(?![\\p{L}\\p{N}_$]|\\.\\p{L})");
    /** Endings that make Owner.name a file name (README.md, Parser.java), not a member. */
    static final Set<String> FILE_ENDINGS = Set.of("java", "kt", "py", "js", "mjs", "cjs", "ts", "tsx", "jsx", "md",
            "rst", "txt", "json", "yml", "yaml", "toml", "go", "rs", "rb", "c", "h", "cpp", "cs", "html", "css", "xml", "scala");
    private static final Set<String> DECLARING = Set.of("def", "fn", "func", "function", "public", "private", "protected",
            "static", "async", "export", "pub", "fun", "override", "internal", "suspend", "final", "abstract", "synchronized",
            "open", "virtual", "inline");
    private static final Set<String> TYPE_WORDS = Set.of("class", "struct", "interface", "trait", "enum", "record", "object",
            "impl", "type");
    /** JavaScript/TypeScript method shorthand inside a class body: {@code match(expr) {}. */
    private static final String METHOD_SHORTHAND = "^(?:(?:async|static|get|set)\\s+)*%s\\s*\\([^)]*\\)\\s*(?::[^{]*)?\\{";

    static ClassMembers of(String objective) {
        List<Member> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(objective);
        while (m.find()) {
            String name = m.group(2);
            if (!FILE_ENDINGS.contains(name.toLowerCase(Locale.ROOT)) && m.group(1).length() > 1 && name.length() > 1) {
                Member member = new Member(m.group(1), name);
                if (!found.contains(member)) {
                    found.add(member);
                }
            }
        }
        return new ClassMembers(List.copyOf(found));
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** Index keys of the members' own names (the stem of match, or parserange for parseRange). */
    Set<String> nameKeys() {
        Set<String> keys = new LinkedHashSet<>();
        members.forEach(m -> keys.add(indexKey(m.name())));
        return keys;
    }

    /** The files (among {@code candidate}) that define a named class and, in it, its named member. */
    List<Home> homes(WorkspaceFacts facts, Predicate<String> candidate) {
        Map<String, Home> homes = new LinkedHashMap<>();
        ContentIndex content = facts.content();
        for (Member member : members) {
            Pattern owner = Pattern.compile("^\\s*(?:@\\S+\\s+)*(?:[a-z]+\\s+)*(?:class|struct|interface|trait|enum|record|object|impl|type)\\s+"
                    + Pattern.quote(member.owner()) + "\\b");
            Pattern shorthand = Pattern.compile(String.format(METHOD_SHORTHAND, Pattern.quote(member.name())));
            Pattern call = Pattern.compile("\\b" + Pattern.quote(member.name()) + "\\s*(?:<[^>\\n]*>\\s*)?\\(");
            for (ContentIndex.Occurrence o : content.occurrences(indexKey(member.owner()))) {
                if (!o.defined() || !candidate.test(o.path()) || homes.containsKey(o.path())) {
                    continue;
                }
                byte[] bytes = ContentIndex.read(facts.root().resolve(o.path()));
                if (bytes == null) {
                    continue;
                }
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (o.path().endsWith(".go")) {
                    // Go declares methods outside the type, on a receiver: func (c *Cache[K, V]) Resize(
                    Matcher method = Pattern.compile("(?m)^func\\s*\\(\\s*(?:\\w+\\s+)?\\*?" + Pattern.quote(member.owner())
                            + "(?:\\[[^\\]\\n]*\\])?\\s*\\)\\s*" + Pattern.quote(member.name()) + "\\s*[(\\[]").matcher(text);
                    if (method.find()) {
                        int line = (int) text.substring(0, method.start()).chars().filter(c -> c == '\n').count();
                        homes.put(o.path(), new Home(o.path(), member, line + 1, text.split("\n", -1)[line].strip()));
                    }
                    continue;
                }
                String[] lines = text.split("\n", -1);
                int ownerIndent = -1; // inside the class while lines are indented deeper than its declaration
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].strip();
                    int indent = indent(lines[i]);
                    if (owner.matcher(lines[i]).find()) {
                        ownerIndent = indent;
                    } else if (ownerIndent >= 0 && indent <= ownerIndent && startsDeclaration(line)) {
                        ownerIndent = -1; // the next declaration at the class's level (a docstring's unindented line is not one)
                    } else if (ownerIndent >= 0 && indent > ownerIndent && defines(line, call, shorthand)) {
                        homes.put(o.path(), new Home(o.path(), member, i + 1, line));
                        break;
                    }
                }
            }
        }
        return List.copyOf(homes.values());
    }

    /** A line that declares the member: {@code def match(}, {@code public boolean match(}, {@code func (v *V) Match(}. */
    private static boolean defines(String line, Pattern call, Pattern shorthand) {
        if (shorthand.matcher(line).find()) {
            return true;
        }
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        return DECLARING.contains(first) && call.matcher(line).find();
    }

    private static boolean startsDeclaration(String line) {
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        return DECLARING.contains(first) || TYPE_WORDS.contains(first);
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The content index's key for a name: a compound identifier whole and lowercased, a single word stemmed. */
    static String indexKey(String name) {
        return ContentIndex.isIdentifierLike(name) ? name.toLowerCase(Locale.ROOT) : ObjectiveTerms.stem(name);
    }
}
