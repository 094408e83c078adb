package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round 18's misses, each reduced to the shape that led the planner astray: a Go functional option (doublestar's
 * WithNoFollow), a class family told apart by a leading word (failsafe's SmoothRateLimiterStats), a name opening with an
 * acronym (xmldom's XMLSerializer), and a class handed to a call (tinydb's `CachingMiddleware(JSONStorage)`).
 */
class OptionAndVariantScopingTest {
    @TempDir
    Path temp;

    private Path globber(String option) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("glob"));
        write(ws, "go.mod", "module example.com/glob\n\ngo 1.19\n");
        write(ws, "globoptions.go", "package glob\n\n// glob holds the options a Glob call was given.\ntype glob struct {\n"
                + "\tnoFollow bool\n\tfilesOnly bool\n}\n\n// GlobOption configures how Glob walks the file system.\n"
                + "type GlobOption func(*glob)\n\n// WithNoFollow is an option that can be passed to Glob: symbolic links are not followed.\n"
                + option + "\n\n// WithFilesOnly makes Glob return files only.\nfunc WithFilesOnly() GlobOption {\n"
                + "\treturn func(g *glob) {\n\t\tg.filesOnly = true\n\t}\n}\n");
        write(ws, "glob.go", "package glob\n\nimport \"io/fs\"\n\n// Glob returns the names of all files matching pattern.\n"
                + "func Glob(fsys fs.FS, pattern string, opts ...GlobOption) ([]string, error) {\n\tg := &glob{}\n"
                + "\tfor _, o := range opts {\n\t\to(g)\n\t}\n\treturn g.walk(fsys, pattern)\n}\n\n"
                + "func (g *glob) walk(fsys fs.FS, pattern string) ([]string, error) {\n\tvar out []string\n"
                + "\tentries, err := fs.ReadDir(fsys, \".\")\n\tif err != nil {\n\t\treturn nil, err\n\t}\n"
                + "\tfor _, info := range entries {\n\t\tif !g.noFollow && info.Type()&fs.ModeSymlink > 0 {\n"
                + "\t\t\tout = append(out, info.Name())\n\t\t}\n\t}\n\treturn out, nil\n}\n");
        write(ws, "match.go", "package glob\n\n// Match reports whether name matches the shell pattern.\n"
                + "func Match(pattern, name string) (bool, error) {\n\treturn pattern == name, nil\n}\n");
        write(ws, "glob_test.go", "package glob\n\nimport \"testing\"\n\nfunc TestGlobWithNoFollow(t *testing.T) {}\n");
        return ws;
    }

    private static final String IGNORED = "The WithNoFollow() option is ignored by Glob: when b/symlink-dir is a symbolic link "
            + "to a directory, Glob(fsys, \"*/symlink-dir/*\", WithNoFollow()) still returns the files behind the link.";

    @Test
    void anOptionOnlySettingAFieldWorksWhereTheFieldIsRead() throws Exception {
        Path ws = globber("func WithNoFollow() GlobOption {\n\treturn func(g *glob) {\n\t\tg.noFollow = true\n\t}\n}");
        assertThat(located(IGNORED, facts(ws))).containsExactly("glob.go");
    }

    @Test
    void anOptionDoingWorkOfItsOwnIsThePlace() throws Exception {
        Path ws = globber("func WithNoFollow() GlobOption {\n\treturn func(g *glob) {\n\t\tif g.filesOnly {\n\t\t\treturn\n\t\t}\n"
                + "\t\tg.noFollow = true\n\t}\n}");
        assertThat(located(IGNORED, facts(ws))).first().isEqualTo("globoptions.go");
    }

    private Path limiters() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("limits"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>limits</artifactId>"
                + "<version>1</version></project>");
        String api = "src/main/java/dev/limits/";
        String internal = api + "internal/";
        write(ws, api + "RateLimiter.java", "package dev.limits;\n\nimport java.time.Duration;\n\n/** Limits the rate of executions. */\n"
                + "public interface RateLimiter {\n    /** A smooth rate limiter spreads permits evenly over the period. */\n"
                + "    static RateLimiterBuilder smoothBuilder(long maxExecutions, Duration period) {\n"
                + "        return new RateLimiterBuilder(maxExecutions, period, true);\n    }\n\n"
                + "    /** A bursty rate limiter grants all permits at the start of each period. */\n"
                + "    static RateLimiterBuilder burstyBuilder(long maxPermits, Duration period) {\n"
                + "        return new RateLimiterBuilder(maxPermits, period, false);\n    }\n\n    void acquirePermit();\n}\n");
        write(ws, api + "RateLimiterBuilder.java", "package dev.limits;\n\nimport java.time.Duration;\n\n"
                + "/** Builds a smooth or bursty RateLimiter. */\npublic class RateLimiterBuilder {\n    final long maxExecutions;\n"
                + "    final Duration period;\n    final boolean smooth;\n\n"
                + "    RateLimiterBuilder(long maxExecutions, Duration period, boolean smooth) {\n"
                + "        this.maxExecutions = maxExecutions;\n        this.period = period;\n        this.smooth = smooth;\n    }\n\n"
                + "    /** The smooth limiter waits for the interval between permits. */\n    public RateLimiter build() {\n"
                + "        return null;\n    }\n}\n");
        write(ws, internal + "RateLimiterStats.java", "package dev.limits.internal;\n\n/** Permits granted so far. */\n"
                + "abstract class RateLimiterStats {\n    abstract long acquirePermits(long permits);\n}\n");
        write(ws, internal + "SmoothRateLimiterStats.java", "package dev.limits.internal;\n\n"
                + "class SmoothRateLimiterStats extends RateLimiterStats {\n    private final long intervalNanos = 100;\n"
                + "    private long nextFreePermitNanos;\n\n    @Override\n    long acquirePermits(long permits) {\n"
                + "        long wait = nextFreePermitNanos + intervalNanos;\n        nextFreePermitNanos += permits * intervalNanos;\n"
                + "        return wait;\n    }\n}\n");
        write(ws, internal + "BurstyRateLimiterStats.java", "package dev.limits.internal;\n\n"
                + "class BurstyRateLimiterStats extends RateLimiterStats {\n    private long available;\n\n    @Override\n"
                + "    long acquirePermits(long permits) {\n        available -= permits;\n        return available < 0 ? 1 : 0;\n    }\n}\n");
        return ws;
    }

    @Test
    void aLeadingWordBeforeANameChoosesThatVariantOfTheFamily() throws Exception {
        assertThat(located("A smooth RateLimiter makes every caller wait one interval too long: with RateLimiter.smoothBuilder(10, "
                + "Duration.ofSeconds(1)).build(), the very first acquirePermit() blocks for 100 ms instead of returning "
                + "immediately.", facts(limiters()))).containsExactly("src/main/java/dev/limits/internal/SmoothRateLimiterStats.java");
    }

    private Path breakers() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("breakers"));
        String api = "src/main/java/dev/breakers/";
        String internal = api + "internal/";
        write(ws, "pom.xml", "<project><groupId>dev</groupId><artifactId>breakers</artifactId><version>1</version></project>\n");
        write(ws, api + "CircuitBreakerBuilder.java", "package dev.breakers;\n\npublic class CircuitBreakerBuilder {\n"
                + "    int failureThreshold;\n    int failureThresholdingCapacity;\n\n"
                + "    /** Opens the circuit after failures out of the last executions. */\n"
                + "    public CircuitBreakerBuilder withFailureThreshold(int failures, int executions) {\n"
                + "        this.failureThreshold = failures;\n        this.failureThresholdingCapacity = executions;\n        return this;\n    }\n}\n");
        write(ws, internal + "CircuitStats.java", "package dev.breakers.internal;\n\ninterface CircuitStats {\n"
                + "    int getFailureCount();\n    void recordFailure();\n}\n");
        write(ws, internal + "CountingCircuitStats.java", "package dev.breakers.internal;\n\n"
                + "class CountingCircuitStats implements CircuitStats {\n    private final int[] window;\n    private int failures;\n"
                + "    private int head;\n\n    CountingCircuitStats(int capacity) {\n        window = new int[capacity];\n    }\n\n"
                + "    public void recordFailure() {\n        window[head] = 1;\n        head = (head + 1) % window.length;\n"
                + "        failures++;\n    }\n\n    public int getFailureCount() {\n        return failures;\n    }\n}\n");
        write(ws, internal + "TimedCircuitStats.java", "package dev.breakers.internal;\n\n"
                + "class TimedCircuitStats implements CircuitStats {\n    private int failures;\n\n"
                + "    public void recordFailure() {\n        failures++;\n    }\n\n"
                + "    public int getFailureCount() {\n        return failures;\n    }\n}\n");
        return ws;
    }

    @Test
    void aKindWrittenAsXBasedChoosesThatVariantOfTheFamily() throws Exception {
        // "count-based circuit breaker" spells neither CountingCircuitStats nor its family's shared tail
        assertThat(located("A count-based circuit breaker never forgets old failures: with CircuitBreaker.builder()"
                + ".withFailureThreshold(3, 5), failures that have already rolled out of the last 5 executions are still "
                + "counted, so the breaker opens too early.", facts(breakers())))
                .containsExactly("src/main/java/dev/breakers/internal/CountingCircuitStats.java");
    }

    @Test
    void aNameOpeningWithAnAcronymIsAName() {
        assertThat(ChangeLocator.keys("XMLSerializer drops tabs; IOUtils and JSONObject too, but not the IDs of URLs or HTTP")
                .identifiers()).contains("xmlserializer", "ioutils", "jsonobject").doesNotContain("ids", "urls", "http");
    }

    @Test
    void theSerializerTheObjectiveNamesByItsAcronymIsThePlace() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("dom"));
        write(ws, "package.json", "{\"name\": \"dom\", \"version\": \"1.0.0\", \"main\": \"lib/index.js\"}");
        write(ws, "lib/dom.js", "'use strict';\n\nfunction XMLSerializer() {}\n\n"
                + "XMLSerializer.prototype.serializeToString = function (node) {\n  return serialize(node, []);\n};\n\n"
                + "function serialize(node, buf) {\n  buf.push(node.name);\n  return buf.join('');\n}\n\n"
                + "exports.XMLSerializer = XMLSerializer;\n");
        write(ws, "lib/dom-parser.js", "'use strict';\n\n// Parses XML text: attribute values are normalised, whitespace in them\n"
                + "// (tab, newline, carriage return) becomes a space, and character references are read.\n"
                + "function DOMParser() {}\n\nDOMParser.prototype.parseFromString = function (source) {\n"
                + "  // attribute value whitespace: a literal tab or newline inside an attribute is written as a space\n"
                + "  return normalizeAttributeWhitespace(source.replace(/[\\t\\n\\r]/g, ' '));\n};\n\n"
                + "function normalizeAttributeWhitespace(value) {\n  return value;\n}\n\nexports.DOMParser = DOMParser;\n");
        assertThat(located("XMLSerializer does not round-trip whitespace in attribute values: parsing <xml attr=\"&#9;\"/> and "
                + "serializing it writes a literal tab inside the attribute. Tab, LF and CR in attribute values must be "
                + "serialized as character references.", facts(ws))).containsExactly("lib/dom.js");
    }

    @Test
    void aClassHandedToTheNamedCallIsOnlyUsed() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("tiny"));
        write(ws, "pyproject.toml", "[project]\nname = \"tinydb\"\nversion = \"1\"\n");
        write(ws, "tinydb/__init__.py", "from .database import TinyDB\n");
        write(ws, "tinydb/database.py", "class TinyDB:\n    def __init__(self, path, storage=None):\n        self.storage = storage\n");
        write(ws, "tinydb/storages.py", "from tinydb import TinyDB\n\n\nclass JSONStorage:\n    \"\"\"Stores the TinyDB data in a JSON "
                + "file on disk.\"\"\"\n\n    def write(self, data):\n        self.data = data\n\n    def close(self):\n"
                + "        self.data = None\n");
        write(ws, "tinydb/middlewares.py", "WRITE_CACHE_SIZE = 1000\n\n\nclass CachingMiddleware:\n"
                + "    \"\"\"Caches writes and flushes them to the wrapped storage.\"\"\"\n\n    def __init__(self, storage_cls):\n"
                + "        self.storage = storage_cls()\n        self.cache = None\n        self._cache_modified_count = 0\n\n"
                + "    def write(self, data):\n        self.cache = data\n        self._cache_modified_count += 1\n\n"
                + "    def flush(self):\n        self.storage.write(self.cache)\n\n    def close(self):\n        self.flush()\n");
        assertThat(located("With TinyDB('db.json', storage=CachingMiddleware(JSONStorage)), nothing is written to the file until "
                + "db.close(): even after more than WRITE_CACHE_SIZE inserts the file on disk is still empty. The cached data "
                + "should be flushed to the wrapped storage as soon as WRITE_CACHE_SIZE writes have been cached.", facts(ws)))
                .containsExactly("tinydb/middlewares.py");
    }

    @Test
    void aBuilderOptionNamedAfterTheMethodDoingItGoesToThatMethod() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("diffs"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>diffs</artifactId>"
                + "<version>1</version></project>");
        String pkg = "src/main/java/org/diffs/";
        write(ws, pkg + "builder/DiffBuilder.java", "package org.diffs.builder;\n\nimport org.diffs.input.NormalizedSource;\n\n"
                + "/** Compares a control and a test document. */\npublic class DiffBuilder {\n    private final Object control;\n"
                + "    private Object test;\n    private boolean normalizeWhitespace;\n\n"
                + "    private DiffBuilder(Object control) {\n        this.control = control;\n    }\n\n"
                + "    public static DiffBuilder compare(Object control) {\n        return new DiffBuilder(control);\n    }\n\n"
                + "    public DiffBuilder withTest(Object test) {\n        this.test = test;\n        return this;\n    }\n\n"
                + "    /** Normalize the whitespace of text and attribute values before comparing. */\n"
                + "    public DiffBuilder normalizeWhitespace() {\n        normalizeWhitespace = true;\n        return this;\n    }\n\n"
                + "    public boolean build() {\n        Object t = normalizeWhitespace ? new NormalizedSource(test) : test;\n"
                + "        return control.equals(t);\n    }\n}\n");
        write(ws, pkg + "input/NormalizedSource.java", "package org.diffs.input;\n\nimport org.diffs.util.Nodes;\n\n"
                + "public class NormalizedSource {\n    private final Object node;\n\n    public NormalizedSource(Object original) {\n"
                + "        this.node = Nodes.normalizeWhitespace(original);\n    }\n}\n");
        write(ws, pkg + "util/Nodes.java", "package org.diffs.util;\n\npublic final class Nodes {\n"
                + "    public static Object normalizeWhitespace(Object original) {\n"
                + "        return String.valueOf(original).replace('\\t', ' ');\n    }\n}\n");
        write(ws, pkg + "diff/DifferenceEngine.java", "package org.diffs.diff;\n\n/** Reports each difference between two documents: "
                + "text, attribute values, whitespace. */\npublic class DifferenceEngine {\n"
                + "    public boolean compare(Object control, Object test) {\n        return control.equals(test);\n    }\n}\n");
        assertThat(located("DiffBuilder.compare(control).withTest(test).normalizeWhitespace() still reports a difference between "
                + "<a>foo bar</a> and <a>foo \\n\\t bar</a>: runs of whitespace are not collapsed. Normalising whitespace should "
                + "trim text and replace every run of whitespace characters with a single space.", facts(ws)))
                .containsExactly("src/main/java/org/diffs/util/Nodes.java");
    }

    @Test
    void anIgnoredSettingIsHonouredWhereItIsRead() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("yamlish"));
        write(ws, "package.json", "{\"name\": \"yamlish\", \"version\": \"1.0.0\", \"main\": \"src/index.ts\"}");
        write(ws, "src/nodes/Scalar.ts", "export class Scalar {\n  /** Pads a float with zeros up to this many fraction digits when stringified. */\n"
                + "  declare minFractionDigits?: number\n  declare value: unknown\n}\n");
        write(ws, "src/schema/float.ts", "import { Scalar } from '../nodes/Scalar'\n\n// a float scalar: its value, and the fraction "
                + "digits it was written with\nexport function resolveFloat(str: string): Scalar {\n  const node = new Scalar()\n"
                + "  node.value = parseFloat(str)\n  const dot = str.indexOf('.')\n"
                + "  if (dot !== -1) node.minFractionDigits = str.length - dot - 1\n  return node\n}\n");
        write(ws, "src/stringify/stringifyNumber.ts", "import { Scalar } from '../nodes/Scalar'\n\n"
                + "export function stringifyNumber({ minFractionDigits, value }: Scalar): string {\n  const n = String(value)\n"
                + "  if (minFractionDigits && n.indexOf('e') === -1) {\n    return n\n  }\n  return n\n}\n");
        assertThat(located("The `minFractionDigits` setting on a float scalar is ignored when stringifying: a number whose scalar "
                + "has minFractionDigits = 2 prints '3' instead of '3.00'. Numbers should be padded with zeros up to "
                + "minFractionDigits decimals.", facts(ws))).containsExactly("src/stringify/stringifyNumber.ts");
    }

    @Test
    void aNamedFunctionHandingItsWorkToItsImplementationGoesThere() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("drafts"));
        write(ws, "package.json", "{\"name\": \"drafts\", \"version\": \"1.0.0\", \"main\": \"src/index.ts\"}");
        write(ws, "src/index.ts", "import { Drafts } from './core/drafts'\n\nconst drafts = new Drafts()\n\n"
                + "export const applyPatches = drafts.applyPatches.bind(drafts)\n");
        write(ws, "src/core/drafts.ts", "import { getPlugin } from '../utils/plugins'\n\nexport class Drafts {\n"
                + "  applyPatches<T extends object>(base: T, patches: readonly object[]): T {\n"
                + "    const applyPatchesImpl = getPlugin('Patches').applyPatches_\n    return applyPatchesImpl(base, patches)\n  }\n}\n");
        write(ws, "src/utils/plugins.ts", "const plugins: Record<string, any> = {}\n\n"
                + "export function getPlugin(name: string): any {\n  return plugins[name]\n}\n");
        write(ws, "src/plugins/patches.ts", "export function enablePatches() {\n"
                + "  function applyPatches_<T>(draft: T, patches: readonly any[]): T {\n    for (const patch of patches) {\n"
                + "      const { path, op, value } = patch\n      const key = path[path.length - 1]\n"
                + "      if (op === 'add') (draft as any)[key] = value\n    }\n    return draft\n  }\n  return { applyPatches_ }\n}\n");
        write(ws, "src/plugins/arrayMethods.ts", "// Calls the handler for each value being inserted into the array, at the front or the end.\n"
                + "export function insertValues(array: unknown[], values: unknown[]) {\n  array.unshift(...values)\n}\n");
        write(ws, "_site/readme/index.html", "<p>To help with replaying patches, <code>applyPatches</code> comes in handy: "
                + "an add whose path ends with - appends to the array.</p>\n");
        assertThat(located("applyPatches does not honour the JSON Patch '-' array index: applying {op: 'add', path: ['a', '-'], "
                + "value: 1} to {a: []} inserts each value at the front of the array. An 'add' whose last path segment is '-' must "
                + "append to the end of the array.", facts(ws))).containsExactly("src/plugins/patches.ts");
    }

    @Test
    void anIgnoredOptionGoesWhereItsGetterDecides() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("random"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>random</artifactId>"
                + "<version>1</version></project>");
        String pkg = "src/main/java/org/random/";
        write(ws, pkg + "RandomParameters.java", "package org.random;\n\npublic class RandomParameters {\n"
                + "    private int randomizationDepth = Integer.MAX_VALUE;\n\n    public RandomParameters() {\n    }\n\n"
                + "    public int getRandomizationDepth() {\n        return randomizationDepth;\n    }\n\n"
                + "    public void setRandomizationDepth(int randomizationDepth) {\n        this.randomizationDepth = randomizationDepth;\n    }\n\n"
                + "    /** How deep nested objects are filled. */\n"
                + "    public RandomParameters randomizationDepth(final int randomizationDepth) {\n"
                + "        setRandomizationDepth(randomizationDepth);\n        return this;\n    }\n}\n");
        write(ws, pkg + "RandomizationContext.java", "package org.random;\n\nclass RandomizationContext {\n"
                + "    private final RandomParameters parameters;\n    private int currentDepth;\n\n"
                + "    RandomizationContext(RandomParameters parameters) {\n        this.parameters = parameters;\n    }\n\n"
                + "    boolean hasExceededRandomizationDepth() {\n        return currentDepth > parameters.getRandomizationDepth();\n    }\n}\n");
        write(ws, pkg + "FieldPopulator.java", "package org.random;\n\nclass FieldPopulator {\n"
                + "    void populate(RandomizationContext context, RandomParameters parameters, Object nested) {\n"
                + "        System.err.printf(\"skipping nested field, deeper than %d%n\", parameters.getRandomizationDepth());\n    }\n}\n");
        assertThat(located("RandomParameters.randomizationDepth(2) is ignored: nested objects deeper than the configured "
                + "randomization depth are still filled. They must be left null.", facts(ws)))
                .first().isEqualTo("src/main/java/org/random/RandomizationContext.java");
    }

    @Test
    void anOptionWithNoEffectGoesToTheOneFileReadingIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("templates"));
        write(ws, "package.json", "{\"name\": \"templates\", \"version\": \"1.0.0\", \"main\": \"src/index.js\"}");
        write(ws, "src/environment.js", "'use strict';\n\n// the environment keeps its loaders and options: autoescape, trimBlocks, lstripBlocks\n"
                + "class Environment {\n  constructor(loader, opts) {\n    opts = opts || {};\n    this.opts = {};\n"
                + "    this.opts.autoescape = opts.autoescape != null ? opts.autoescape : true;\n"
                + "    this.opts.trimBlocks = !!opts.trimBlocks;\n    this.loader = loader;\n  }\n\n"
                + "  renderString(src, ctx) {\n    return src;\n  }\n}\n\nmodule.exports = { Environment };\n");
        write(ws, "src/lexer.js", "'use strict';\n\nclass Tokenizer {\n  constructor(str, opts) {\n    this.str = str;\n"
                + "    this.trimBlocks = !!opts.trimBlocks;\n  }\n\n  nextToken() {\n    if (this.trimBlocks) {\n"
                + "      this.str = this.str.replace(/^\\n/, '');\n    }\n    return this.str;\n  }\n}\n\nmodule.exports = { Tokenizer };\n");
        write(ws, "src/parser.js", "'use strict';\n\nconst { Tokenizer } = require('./lexer');\n\n"
                + "function parse(src, opts) {\n  return new Tokenizer(src, opts).nextToken();\n}\n\nmodule.exports = { parse };\n");
        assertThat(located("Configuring `new Environment(loader, { trimBlocks: true })` has no effect: '{% if true %}\\nfoo{% endif %}' "
                + "still renders with the newline after the block tag. With trimBlocks the first newline after a block tag "
                + "should be removed.", facts(ws))).containsExactly("src/lexer.js");
    }
}
