package dev.harness.planning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded index of the words and identifiers in a workspace's text files: for each stem (and
 * each whole compound identifier, lowercased: {@code slugifywithcounter}) the files that hold it,
 * with the first line and a count; each file's import specifiers (for coverage and independence)
 * and its kind (generated, vendored and data files are de-ranked). Built once per scan. Files are
 * opened without following a symbolic link, so nothing outside the workspace is read.
 */
public final class ContentIndex {
    /** Bigger files are data or generated far more often than hand-written code. */
    static final int MAX_FILE_BYTES = 256 * 1024;
    /**
     * A hand-written test file may be bigger: one suite file of thousands of cases (a validation library's 16,000-line
     * validators.test.js) is where every case of the functions it tests is, and the only check that can catch a change.
     */
    static final int MAX_TEST_FILE_BYTES = 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 24L << 20;
    static final int MAX_FILES = 6_000;
    private static final int MAX_TOKEN = 64;
    /** Set in a posting's count when the file defines the key (fn/def/class/function KEY, KEY = …). */
    private static final int DEFINED = 1 << 30;
    /** Set when the key occurs as a word of its own, not only inside a compound identifier (ExpressionParser). */
    private static final int STANDALONE = 1 << 29;
    /** Set when the key occurs in a declaration's doc comment (the comment right above it, a Python docstring). */
    private static final int DOCUMENTED = 1 << 28;
    /** Set when the key occurs on a line of code, not only in comments and docstrings. */
    private static final int IN_CODE = 1 << 27;
    private static final int FLAGS = DEFINED | STANDALONE | DOCUMENTED | IN_CODE;
    private static final Set<String> DEFINING_WORDS = Set.of("function", "def", "class", "fn", "func", "struct", "enum",
            "interface", "trait", "type", "const", "let", "var", "record", "object", "module", "impl", "val", "static",
            "void", "public", "private", "protected", "export", "async", "pub", "fun", "override", "internal", "suspend");
    /** Lines that declare something: on them, the name before "(" is what is declared (func (s *T) Name(, public T name(). */
    private static final Set<String> DECLARING_LINE_STARTS = Set.of("func", "fn", "def", "function", "public", "private",
            "protected", "export", "async", "pub", "fun", "override", "internal", "suspend", "static");
    /** Words before a declared name or before its type (public Foo bar, private static final Set<K> keys). */
    private static final Set<String> MODIFIERS = Set.of("public", "private", "protected", "static", "internal", "override");
    /** First words of accessor names (setName, getName, isEmpty, hasNext): the rest of the name is what they are about. */
    private static final Set<String> ACCESSOR_PREFIXES = Set.of("get", "set", "is", "has");
    private static final int HEADER_LINES = 5;
    private static final int READER_THREADS = 4;
    /** Files read and parsed before their results are merged (and dropped): bounds the memory of a scan. */
    private static final int SLICE = 256;

    private static final Pattern JS_IMPORT = Pattern.compile(
            "(?:require\\s*\\(\\s*|import\\s*\\(\\s*|\\bfrom\\s+|^\\s*import\\s+)(['\"`])((?:(?!\\1)[^\\n]){1,200})\\1", Pattern.MULTILINE);
    private static final Pattern PY_IMPORT = Pattern.compile(
            "^\\s*(?:from\\s+([\\w.]+)\\s+import\\s+([\\w, ()]+)|import\\s+([\\w.]+))", Pattern.MULTILINE);
    private static final Pattern JAVA_IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern RUST_USE = Pattern.compile("^\\s*(?:pub\\s+)?(?:use|extern crate)\\s+([\\w:]+)", Pattern.MULTILINE);
    private static final Pattern GO_IMPORT = Pattern.compile("\"([\\w./-]+)\"");

    private final List<String> files = new ArrayList<>();
    private final List<FileKind> kinds = new ArrayList<>();
    private final List<List<String>> imports = new ArrayList<>();
    private final Map<String, Integer> fileNumbers = new HashMap<>();
    /** stem → flat triples (file number, first line, count). */
    private final Map<String, int[]> postings = new HashMap<>();
    private final Map<String, Integer> postingSizes = new HashMap<>();
    private final java.util.BitSet inlineTests = new java.util.BitSet();
    private final java.util.BitSet noTestCalls = new java.util.BitSet();
    private final java.util.BitSet barrels = new java.util.BitSet();
    private static final Pattern REEXPORT = Pattern.compile(
            "^\\s*(?:export\\s.*\\bfrom\\b|export\\s*\\*|export\\s+(?:const|let|var)\\s+[\\w$]+\\s*=\\s*[\\w$]+(?:\\.[\\w$]+)+\\s*;?\\s*$"
            + "|export\\s+default\\s*\\{\\s*$|\\.\\.\\.[\\w$.]+,?\\s*$|import\\s|from\\s+\\S+\\s+import\\s|pub\\s+(?:use|mod)\\s|mod\\s|use\\s|module\\.exports\\s*=\\s*\\{?\\s*\\.{0,3}require|package\\s|__all__|\\}|\\)|\\]|$)");
    /**
     * CommonJS, in a file that exports: {@code const diff = require('./functions/diff')}, then {@code module.exports = {…}}
     * listing {@code diff,} or {@code SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,}.
     */
    private static final Pattern COMMONJS_REEXPORT = Pattern.compile(
            "^\\s*(?:(?:const|let|var)\\s+[\\w$\\s{},:]+=\\s*require\\(\\s*['\"][^'\"]+['\"]\\s*\\)[;,]?\\s*$"
            + "|module\\.exports\\s*=\\s*\\{[\\w$\\s,:.]*\\}?\\s*;?\\s*$|[\\p{L}_$][\\w$]*\\s*(?::\\s*[\\p{L}_$][\\w$.]*)?\\s*,?\\s*$)");
    private int skipped;
    private int unread;
    private long bytes;
    /**
     * Figures derived from this index and the scan it was built from alone (how many files a change could
     * go to): computed once per index rather than once per request. An index never changes once built,
     * and a rescan builds a new one, so a kept figure is exactly what computing it again would give.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> derived = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One file's occurrences of a key: where it first appears and how often; {@code documented} when a declaration's doc
     * comment holds it (what the declaration is for, in words: "can be read from databases").
     */
    public record Occurrence(String path, FileKind kind, int firstLine, int count, boolean defined, boolean standalone,
                             boolean documented, boolean inCode) {}

    private ContentIndex() {}

    public static ContentIndex empty() {
        return new ContentIndex();
    }

    /** Reads the scan's text files, shallow first, until a limit is reached. */
    public static ContentIndex build(Path root, WorkspaceScan scan) {
        return build(root, scan, ScanBudget.unlimited());
    }

    /** The same within a time budget: the first slice is always read, no slice starts once it is spent. */
    public static ContentIndex build(Path root, WorkspaceScan scan, ScanBudget budget) {
        ScanBudget.Stage clock = budget.start();
        ContentIndex index = new ContentIndex();
        List<String> candidates = new ArrayList<>();
        List<FileKind> candidateKinds = new ArrayList<>();
        FileKind.Classifier classifier = new FileKind.Classifier();
        for (String relative : scan.files()) {
            FileKind kind = classifier.ofPath(relative);
            if (kind == FileKind.OTHER || kind == FileKind.VENDORED) {
                continue;
            }
            if (candidates.size() >= MAX_FILES) {
                index.skipped++;
                continue;
            }
            candidates.add(relative);
            candidateKinds.add(kind);
        }
        // reading is I/O-bound and tokenizing is per file: both run on a few threads, merged in scan
        // order, a slice at a time, so that what is held at once is one slice's parsed files and not
        // every candidate's (a workspace of thousands of large files once filled the heap before the
        // byte budget below was applied; issue 13). A file bigger than what is left of the budget at
        // the slice's start cannot fit, so it is not even read: the index is the same as reading all.
        Map<String, String> stemCache = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(READER_THREADS);
        try {
            for (int from = 0; from < candidates.size(); from += SLICE) {
                if (from > 0 && clock.spent()) {
                    index.unread = candidates.size() - from;
                    break;
                }
                int start = from;
                long left = MAX_TOTAL_BYTES - index.bytes;
                Parsed[] parsed = new Parsed[Math.min(SLICE, candidates.size() - from)];
                pool.submit(() -> java.util.stream.IntStream.range(0, parsed.length).parallel().forEach(i -> {
                    byte[] content = read(root.resolve(candidates.get(start + i)), Math.min(limitFor(candidates.get(start + i)), left));
                    parsed[i] = content == null ? null : parse(candidates.get(start + i), candidateKinds.get(start + i),
                            content, stemCache);
                })).get();
                for (Parsed p : parsed) {
                    if (p == null || index.bytes + p.bytes > MAX_TOTAL_BYTES) {
                        index.skipped++;
                        continue;
                    }
                    index.bytes += p.bytes;
                    index.merge(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("indexing the workspace failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return index;
    }

    /** The file's bytes, or null when it is a link, too big, binary or unreadable. */
    static byte[] read(Path file) {
        return read(file, MAX_FILE_BYTES);
    }

    /** The same for the workspace file {@code relative} of {@code root}, with a test file's larger limit. */
    static byte[] read(Path root, String relative) {
        return read(root.resolve(relative), limitFor(relative));
    }

    /** How big a file the index reads: hand-written source files of tests may be bigger than the rest. */
    static int limitFor(String relative) {
        return FileKind.ofPath(relative) == FileKind.SOURCE && TestPaths.isTestPath(relative) ? MAX_TEST_FILE_BYTES : MAX_FILE_BYTES;
    }

    /** The file's bytes, or null when it is a link, bigger than {@code limit} bytes, binary or unreadable. */
    private static byte[] read(Path file, long limit) {
        // one open, one fstat, reads into an array of the file's size: no buffer per file (thousands of small files)
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > limit) {
                return null; // known too big without reading it
            }
            byte[] content = new byte[(int) size];
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    break; // it shrank meanwhile: what was read is kept
                }
            }
            if (buffer.hasRemaining()) {
                content = Arrays.copyOf(content, buffer.position());
            }
            for (int i = 0, n = Math.min(content.length, 1024); i < n; i++) {
                if (content[i] == 0) {
                    return null; // binary
                }
            }
            return content;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** What one file contributes to the index, computed on any thread. */
    private record Parsed(String relative, FileKind kind, List<String> imports, boolean inlineTests, boolean barrel,
                          Map<String, int[]> local, int bytes, boolean noTestCalls) {}

    /**
     * A JavaScript/TypeScript file that calls a test function (describe/it/test/suite/bench, node:test, tape); a helper
     * defining one ({@code export default function test(options)}), a regular expression's {@code .test(} or a variable's
     * method ({@code bench.reset()}) is no call.
     */
    private static final Pattern TEST_CALL = Pattern.compile(
            "(?<![.$\\w])(?<!function\\s{1,8})(?:describe|it|test|suite|bench|context|specify|tape)"
            + "(?:\\.(?:only|skip|todo|each|concurrent|serial|failing|fails|sequential|runIf|skipIf|cb|parallel|shuffle|if))*\\s*\\(");
    /**
     * A type test's assertion (lab's {@code expect.type<T>(…)}, tsd's {@code expectType<T>(…)}, {@code expectTypeOf(…)}): a
     * file of them without a test call is checked by the type checker, never run by the test runner.
     */
    private static final Pattern TYPE_ASSERTION = Pattern.compile("\\b(?:expect\\.type|expectType|expectError|assertType)\\s*<|\\bexpectTypeOf\\s*[<(]");
    private static final Pattern SCRIPT_FILE = Pattern.compile(".*\\.(?:[cm]?[jt]sx?)$");
    /** A JavaScript/TypeScript module that exports something (ES export, module.exports, exports.x =). */
    private static final Pattern EXPORTS = Pattern.compile("(?m)^\\s*export\\s|\\bmodule\\.exports\\b|\\bexports\\.\\w+\\s*=");

    private static Parsed parse(String relative, FileKind pathKind, byte[] content, Map<String, String> stemCache) {
        if (content.length == 0) {
            return new Parsed(relative, pathKind, List.of(), false, false, Map.of(), 0, false);
        }
        String text = new String(content, StandardCharsets.UTF_8);
        int headerEnd = 0;
        for (int i = 0, lines = 0; i < text.length() && lines < HEADER_LINES; i++) {
            headerEnd = i + 1;
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        FileKind kind = FileKind.ofHeader(pathKind, text.substring(0, headerEnd));
        boolean inline = text.contains("#[cfg(test)]") || (relative.endsWith(".py") && text.contains(">>> "));
        Map<String, int[]> local = new HashMap<>();
        String previous = "";
        int previousEnd = -1;
        String lineStart = "";
        boolean lineDeclared = false; // a declaring line declares one name: the calls after it on the line are uses
        boolean importLine = false;
        Comments comments = comments(text);
        boolean goImports = false; // inside Go's import ( … ) block: each line is an import path ("database/sql/driver")
        int lineBegin = 0;
        int line = 1;
        int n = text.length();
        boolean scriptLike = SCRIPT_FILE.matcher(relative).matches();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = "";
                lineDeclared = false;
                importLine = false;
                i++;
                lineBegin = i;
                goImports &= !text.startsWith(")", skipSpaces(text, i)); // the block's closing line
                continue;
            }
            if (!isIdentifierStart(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isIdentifierPart(text.charAt(i))) {
                i++;
            }
            if (i - start < 2 || i - start > MAX_TOKEN) {
                continue;
            }
            String token = text.substring(start, i);
            if (lineStart.isEmpty()) {
                lineStart = token;
                importLine = isImportLine(text, lineBegin, token) || goImports;
                if (token.equals("import") && relative.endsWith(".go")) {
                    goImports = text.startsWith("(", skipSpaces(text, i));
                }
            }
            if (importLine) {
                continue; // an import says the file uses a name; where it uses it is what counts, and that is another line
            }
            // def f(, fn f(, class F; and on a declaration line (func, public, export …) the name before "("
            boolean adjacent = previousEnd >= 0 && text.substring(previousEnd, start).isBlank();
            boolean declares = !lineDeclared && DECLARING_LINE_STARTS.contains(lineStart) && !token.equals(lineStart) && i < n
                    && text.charAt(i) == '(';
            // after a modifier a name followed by another name or a type argument is a type (private Set<Key> keys;
            // public static Foo bar): the name declared is the later one
            boolean typeAfterModifier = MODIFIERS.contains(previous) && typePosition(text, i);
            // a JavaScript or TypeScript class method (isLevelEnabled(level) {): an indented line led by the name, its
            // parameters, then the body's brace
            boolean method = scriptLike && token.equals(lineStart) && !lineDeclared && i < n && text.charAt(i) == '('
                    && start > lineBegin && !SCRIPT_KEYWORDS.contains(token) && opensMethodBody(text, i);
            boolean defines = (adjacent && DEFINING_WORDS.contains(previous) && !typeAfterModifier) || definedByAssignment(text, i)
                    || declares || method;
            declares |= method;
            lineDeclared |= declares;
            previous = token;
            previousEnd = i;
            List<String> parts = splitIdentifier(token);
            int documented = comments.doc().get(line) ? DOCUMENTED : comments.other().get(line) ? 0 : IN_CODE;
            if (parts.size() > 1) {
                note(local, token.toLowerCase(Locale.ROOT), line, (defines ? DEFINED | STANDALONE : STANDALONE) | documented);
            }
            for (int p = 0; p < parts.size(); p++) {
                String part = parts.get(p);
                if (part.length() > 1) {
                    // a word of a defined name (hyphen in hyphenRequirement) marks where that concept is implemented; an
                    // accessor's prefix (set in setCodes) is no concept: every class with a property defines one
                    boolean concept = parts.size() == 1 || p > 0 || !ACCESSOR_PREFIXES.contains(part);
                    note(local, stemCache.computeIfAbsent(part, ObjectiveTerms::stem), line,
                            (parts.size() == 1 ? (defines ? STANDALONE | DEFINED : STANDALONE) : defines && concept ? DEFINED : 0)
                            | documented);
                }
            }
        }
        return new Parsed(relative, kind, importsOf(relative, text), inline, isBarrel(text), local, content.length,
                SCRIPT_FILE.matcher(relative).matches() && !TEST_CALL.matcher(text).find()
                        && (EXPORTS.matcher(text).find() || TYPE_ASSERTION.matcher(text).find()));
    }

    private void merge(Parsed p) {
        int number = files.size();
        files.add(p.relative);
        kinds.add(p.kind);
        fileNumbers.put(p.relative, number);
        imports.add(p.imports);
        if (p.noTestCalls) {
            noTestCalls.set(number);
        }
        if (p.inlineTests) {
            inlineTests.set(number);
        }
        if (p.barrel) {
            barrels.set(number);
        }
        Map<String, int[]> local = p.local;
        for (Map.Entry<String, int[]> e : local.entrySet()) {
            int size = postingSizes.getOrDefault(e.getKey(), 0);
            int[] list = postings.get(e.getKey());
            if (list == null) {
                list = new int[6];
            } else if (size + 3 > list.length) {
                list = Arrays.copyOf(list, list.length * 2);
            }
            list[size] = number;
            list[size + 1] = e.getValue()[0];
            list[size + 2] = e.getValue()[1];
            postings.put(e.getKey(), list);
            postingSizes.put(e.getKey(), size + 3);
        }
    }

    private static void note(Map<String, int[]> local, String key, int line, int flags) {
        int[] seen = local.get(key);
        if (seen == null) {
            local.put(key, new int[] {line, 1 | flags});
        } else {
            seen[1] = ((seen[1] & ~FLAGS) + 1) | (seen[1] & FLAGS) | flags;
        }
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** What a comment line starts with (Go, Java, JavaScript, Rust, C; Python and shell). */
    private static final Pattern COMMENT_LINE = Pattern.compile("^\\s*(?://|/\\*|\\*|#(?![!\\[]))");
    /** What a declaration line starts with: a defining word or a modifier (func, def, class, public, export, type …). */
    private static final Pattern DECLARATION_LINE = Pattern.compile("^\\s*(?:(?:" + String.join("|",
            new java.util.TreeSet<>(concat(DEFINING_WORDS, DECLARING_LINE_STARTS, Set.of("abstract", "final", "default", "sealed"))))
            + ")\\b)");
    /** A Python def or class line, whose docstring follows it. */
    private static final Pattern PYTHON_DEF = Pattern.compile("^\\s*(?:async\\s+)?(?:def|class)\\s.*:\\s*(?:#.*)?$");
    /** The last line of a def's signature written over several lines: {@code ) -> Generator[str, None, None]:}. */
    private static final Pattern PYTHON_SIGNATURE_END = Pattern.compile("^\\s*\\)\\s*(?:->\\s*\\S.*)?:\\s*(?:#.*)?$");
    private static final Pattern DOCSTRING_START = Pattern.compile("^\\s*[rRuUbB]?(\"\"\"|''')");

    private static Set<String> concat(Set<String> a, Set<String> b, Set<String> c) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    /** The lines (1-based) of doc comments, and of the other comments. */
    record Comments(java.util.BitSet doc, java.util.BitSet other) {}

    /**
     * A file's comment lines. Doc comments: a comment block directly above a declaration (annotations between them
     * allowed; a blank line ends it), and a Python def's or class's docstring; such words say what the declaration is
     * for, which a comment inside a body or a file header does not.
     */
    static Comments comments(String text) {
        String[] lines = text.split("\n", -1);
        java.util.BitSet doc = new java.util.BitSet();
        java.util.BitSet other = new java.util.BitSet();
        // a block comment's inner lines need not start with `*` (javadoc written as plain indented text): a block opened at
        // the start of a line runs to the line that closes it
        java.util.BitSet inBlock = new java.util.BitSet();
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k].strip();
            if (line.startsWith("/*") && !line.substring(2).contains("*/")) {
                while (++k < lines.length) {
                    int close = lines[k].indexOf("*/");
                    if (close < 0 || lines[k].substring(close + 2).isBlank()) {
                        inBlock.set(k); // the closing line, unless code follows the comment on it
                    }
                    if (close >= 0) {
                        break;
                    }
                }
            }
        }
        boolean declarationBelow = false;
        for (int k = lines.length - 1; k >= 0; k--) {
            String line = lines[k];
            if (inBlock.get(k) || COMMENT_LINE.matcher(line).find()) {
                (declarationBelow ? doc : other).set(k + 1);
            } else if (!line.strip().startsWith("@")) { // an annotation between a doc comment and what it documents
                declarationBelow = DECLARATION_LINE.matcher(line).find();
            }
        }
        for (int k = 0; k < lines.length - 1; k++) {
            if (!PYTHON_DEF.matcher(lines[k]).matches() && !PYTHON_SIGNATURE_END.matcher(lines[k]).matches()) {
                continue;
            }
            int first = k + 1;
            while (first < lines.length && lines[first].isBlank()) {
                first++;
            }
            Matcher open = first < lines.length ? DOCSTRING_START.matcher(lines[first]) : null;
            if (open == null || !open.find()) {
                continue;
            }
            String quote = open.group(1);
            int end = first;
            // the closing quotes on the opening line (a one-line docstring) or on a later one
            if (lines[first].indexOf(quote, open.end()) < 0) {
                end = first + 1;
                while (end < lines.length && !lines[end].contains(quote)) {
                    end++;
                }
            }
            for (int d = first; d <= Math.min(end, lines.length - 1); d++) {
                doc.set(d + 1);
            }
        }
        return new Comments(doc, other);
    }

    /** KEY = function…, KEY = (…) =>, KEY: function: an assignment that defines a function. */
    /** import x / import {a} from 'b' / import static a.B.c; / from pkg import name / use a::b; / package a.b; */
    private static boolean isImportLine(String text, int lineBegin, String first) {
        if (!first.equals("import") && !first.equals("from") && !first.equals("use") && !first.equals("package")) {
            return false;
        }
        int end = text.indexOf('\n', lineBegin);
        String line = text.substring(lineBegin, end < 0 ? text.length() : end).strip();
        return switch (first) {
            case "import" -> line.matches("import\\s+(?:static\\s+)?[\\w.*{}$,\\s]+(?:;|\\s+from\\s+['\"].*|\\s*)$|import\\s+['\"].*|import\\s.*\\bfrom\\s+['\"].*");
            case "from" -> line.matches("from\\s+[\\w.]+\\s+import\\s.*");
            case "use" -> line.matches("use\\s+[\\w:{}*,\\s]+;");
            default -> line.matches("package\\s+[\\w.]+;?");
        };
    }

    /** What follows the token at {@code end} makes it a type: a type argument or array, or another name after spaces. */
    private static boolean typePosition(String text, int end) {
        if (end >= text.length()) {
            return false;
        }
        char next = text.charAt(end);
        if (next == '<' || next == '[') {
            return true;
        }
        int i = end;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i > end && i < text.length() && isIdentifierStart(text.charAt(i));
    }

    /** Words that lead a line with "(" and a brace without declaring anything. */
    private static final Set<String> SCRIPT_KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "function", "return",
            "with", "do", "else", "try", "await", "yield", "new", "typeof", "delete", "void", "super", "this", "describe", "it",
            "test", "constructor");
    /** After a method's parameters: an optional TypeScript return type, then the body's brace ending the line. */
    private static final Pattern METHOD_BODY = Pattern.compile("^\\s*(?::\\s*[^{};=\\n]+)?\\{\\s*(?://[^\\n]*)?$");

    /** Whether the parameters opening at {@code open} close on a line that then opens a body, as a method's do. */
    private static boolean opensMethodBody(String text, int open) {
        // within a window: an unclosed "(" (a call cut by a template literal) must not cost a walk to the file's end on
        // every such line of a scan
        String window = text.substring(open, Math.min(text.length(), open + MAX_PARAMETERS));
        int close = CodeBrackets.closing(window, 0);
        if (close < 0) {
            return false;
        }
        int end = window.indexOf('\n', close);
        return METHOD_BODY.matcher(window.substring(close + 1, end < 0 ? window.length() : end)).find();
    }

    /** How far a method's parameters and the rest of its line may run: longer is no method line. */
    private static final int MAX_PARAMETERS = 400;

    private static boolean definedByAssignment(String text, int end) {
        int i = end;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i + 1 >= text.length() || (text.charAt(i) != '=' && text.charAt(i) != ':') || text.charAt(i + 1) == '=') {
            return false;
        }
        String rest = text.substring(i + 1, Math.min(text.length(), i + 40)).stripLeading();
        return rest.startsWith("function") || rest.startsWith("async") || rest.startsWith("(") && rest.contains("=>");
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** decodeHTMLStrict → decode, html, strict; slugify_with_counter → slugify, with, counter. Lowercased. */
    static List<String> splitIdentifier(String token) {
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        int n = token.length();
        for (int i = 1; i <= n; i++) {
            boolean boundary = i == n;
            if (!boundary) {
                char prev = token.charAt(i - 1);
                char c = token.charAt(i);
                boundary = c == '_' || c == '$' || prev == '_' || prev == '$'
                        || (Character.isUpperCase(c) && Character.isLowerCase(prev))
                        || (Character.isUpperCase(c) && Character.isUpperCase(prev) && i + 1 < n && Character.isLowerCase(token.charAt(i + 1)))
                        || (Character.isDigit(c) != Character.isDigit(prev));
            }
            if (boundary) {
                String part = token.substring(start, i);
                if (!part.isEmpty() && part.charAt(0) != '_' && part.charAt(0) != '$') {
                    parts.add(part.toLowerCase(Locale.ROOT));
                }
                start = i;
            }
        }
        return parts;
    }

    private static List<String> importsOf(String relative, String text) {
        String extension = FileKind.extension(relative);
        List<String> found = new ArrayList<>();
        Matcher m;
        switch (extension) {
            case "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "vue", "svelte" -> {
                m = JS_IMPORT.matcher(text);
                while (m.find() && found.size() < 200) {
                    found.add(m.group(2));
                }
            }
            case "py" -> {
                m = PY_IMPORT.matcher(text);
                while (m.find() && found.size() < 200) {
                    if (m.group(1) != null) {
                        found.add(m.group(1));
                        for (String name : m.group(2).replaceAll("[()]", "").split(",")) {
                            String word = name.strip().split("\\s+")[0];
                            if (!word.isEmpty()) {
                                // from pkg import module; from . import module
                                found.add(m.group(1).endsWith(".") ? m.group(1) + word : m.group(1) + "." + word);
                            }
                        }
                    } else {
                        found.add(m.group(3));
                    }
                }
            }
            case "java", "kt", "scala", "groovy" -> {
                m = JAVA_IMPORT.matcher(text);
                while (m.find() && found.size() < 200) {
                    found.add(m.group(1));
                }
            }
            case "rs" -> {
                m = RUST_USE.matcher(text);
                while (m.find() && found.size() < 200) {
                    found.add(m.group(1));
                }
            }
            case "go" -> {
                int start = text.indexOf("import");
                if (start >= 0) {
                    int end = text.indexOf(')', start);
                    String block = text.substring(start, end < 0 ? Math.min(text.length(), start + 200) : end);
                    m = GO_IMPORT.matcher(block);
                    while (m.find() && found.size() < 200) {
                        found.add(m.group(1));
                    }
                }
            }
            default -> { }
        }
        return List.copyOf(found);
    }

    /** The files holding {@code key} (a stem or a lowercased compound identifier). */
    public List<Occurrence> occurrences(String key) {
        int[] list = postings.get(key);
        if (list == null) {
            return List.of();
        }
        int size = postingSizes.get(key);
        List<Occurrence> result = new ArrayList<>(size / 3);
        for (int i = 0; i < size; i += 3) {
            result.add(new Occurrence(files.get(list[i]), kinds.get(list[i]), list[i + 1], list[i + 2] & ~FLAGS,
                    (list[i + 2] & DEFINED) != 0, (list[i + 2] & STANDALONE) != 0, (list[i + 2] & DOCUMENTED) != 0,
                    (list[i + 2] & IN_CODE) != 0));
        }
        return result;
    }

    /** In how many indexed files {@code key} occurs. */
    public int documentFrequency(String key) {
        return postingSizes.getOrDefault(key, 0) / 3;
    }

    public int size() {
        return files.size();
    }

    /**
     * The value {@code compute} gives for this index, computed on first use; {@code compute} must depend on
     * nothing but this index and the scan it was built from (see {@link #derived}). Safe on any thread.
     */
    @SuppressWarnings("unchecked")
    <T> T derived(String name, java.util.function.Supplier<T> compute) {
        Object value = derived.get(name);
        if (value == null) {
            value = compute.get(); // outside the map's lock: two threads may both compute, with the same result
            Object raced = derived.putIfAbsent(name, value);
            value = raced != null ? raced : value;
        }
        return (T) value;
    }

    public boolean contains(String relative) {
        return fileNumbers.containsKey(relative);
    }

    public FileKind kind(String relative) {
        Integer number = fileNumbers.get(relative);
        return number == null ? FileKind.ofPath(relative) : kinds.get(number);
    }

    public List<String> importsOf(String relative) {
        Integer number = fileNumbers.get(relative);
        return number == null ? List.of() : imports.get(number);
    }

    /** The file has tests of its own inside it (Rust's #[cfg(test)], Python doctests). */
    public boolean hasInlineTests(String relative) {
        Integer number = fileNumbers.get(relative);
        return number != null && inlineTests.get(number);
    }

    /**
     * A script that calls no test function and exports something: named like a test, it is a module of cases or
     * fixtures the real tests import (cases.spec.ts exporting tables), which a runner given it fails with "no test
     * suite found".
     */
    public boolean holdsNoTests(String relative) {
        Integer number = fileNumbers.get(relative);
        return number != null && noTestCalls.get(number);
    }

    /** A file that only gathers and re-exports others (index.js, __init__.py, lib.rs): it mentions everything it exports. */
    public boolean barrel(String relative) {
        Integer number = fileNumbers.get(relative);
        return number != null && barrels.get(number);
    }

    private static boolean isBarrel(String text) {
        int code = 0;
        int reexports = 0;
        boolean exports = text.contains("module.exports");
        for (String line : text.split("\n", 200)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("//") || t.startsWith("#") || t.startsWith("/*") || t.startsWith("*")
                    || t.startsWith("\"\"\"")) {
                continue;
            }
            code++;
            if (REEXPORT.matcher(t).find() || exports && COMMONJS_REEXPORT.matcher(t).find()) {
                reexports++;
            }
        }
        return code > 0 && reexports * 10 >= code * 8;
    }

    /** Files the size and count limits kept out of the index (for the plan's warnings). */
    public int skipped() {
        return skipped;
    }

    /** Files not read because the scan's time budget ran out first (for the plan's warnings). */
    public int unread() {
        return unread;
    }

    public static boolean isIdentifierLike(String token) {
        return splitIdentifier(token).size() > 1;
    }
}
