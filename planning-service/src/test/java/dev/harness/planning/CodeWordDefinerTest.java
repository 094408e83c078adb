package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validation library (round 17's superstruct): the objective writes `defaulted` in code form; the file defining it holds
 * the objective's other words in its doc comments, and a helper elsewhere gathers them in one function. The definer of the
 * name written in code is the place, not the helper.
 */
class CodeWordDefinerTest {
    @TempDir
    Path temp;

    @Test
    void theFileDefiningAOneWordCodeSpanStaysThePlace() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("structs"));
        write(ws, "package.json", "{\"name\":\"structs\",\"scripts\":{\"test\":\"vitest run\"},\"devDependencies\":{\"vitest\":\"^1.0.0\"}}");
        write(ws, "src/structs/coercions.ts", "import { Struct, coerce } from '../struct'\n\n"
                + "/**\n * Augment a struct to replace `undefined` values with a default.\n *\n"
                + " * Note: You must use `create` on the value to have the coercion take effect. For plain object fallbacks the\n"
                + " * properties of the fallback are mixed in where the input's properties are undefined, unless strict.\n */\n"
                + "export function defaulted<T, S>(struct: Struct<T, S>, fallback: any, options: { strict?: boolean } = {}): Struct<T, S> {\n"
                + "  return coerce(struct, (x) => x, (x) => (x === void 0 ? pick(options) : x))\n}\n\n"
                + "/** Augment a struct to trim string inputs. */\nexport function trimmed<T, S>(struct: Struct<T, S>): Struct<T, S> {\n"
                + "  return coerce(struct, (x) => x, (x) => x.trim())\n}\n");
        write(ws, "src/utils.ts", "/** Check if a value is a plain object: its properties mixed in, fallback or input alike. */\n"
                + "export function isPlainObject(x: unknown): x is { [key: string]: any } {\n"
                + "  if (Object.prototype.toString.call(x) !== '[object Object]') {\n    return false\n  }\n"
                + "  const prototype = Object.getPrototypeOf(x)\n  const strict = prototype === null\n"
                + "  const undefinedProperties = strict || prototype === Object.prototype\n  return undefinedProperties\n}\n");
        write(ws, "src/struct.ts", "export class Struct<T, S> { constructor(public schema: S) {} }\n"
                + "export function coerce<T, S>(struct: Struct<T, S>, condition: any, coercer: any): Struct<T, S> { return struct }\n");
        write(ws, "test/api/create.test.ts", "import { describe, it } from 'vitest'\nimport { defaulted } from '../../src/structs/coercions'\n"
                + "describe('create', () => { it('defaulted', () => { defaulted as unknown }) })\n");
        String objective = "`defaulted` with an object fallback only applies it when the whole value is undefined: the fallback's "
                + "properties should be mixed in where the input's are undefined, giving { title: 'Untitled', version: 0 }, "
                + "unless { strict: true } is passed.";
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).startsWith("Make the change in src/structs/coercions.ts that")
                .doesNotContain("src/utils.ts");
        // the same, with the definer ranked first and the helper's function gathering more of the objective's words
        java.util.List<ChangeLocator.FileMatch> chosen = java.util.List.of(
                new ChangeLocator.FileMatch("src/structs/coercions.ts", 10, java.util.List.of("default"), "src/structs/coercions.ts:2"));
        java.util.Map<String, Double> scores = java.util.Map.of("src/structs/coercions.ts", 10.0, "src/utils.ts", 9.0);
        java.util.Map<String, java.util.Set<String>> terms = java.util.Map.of("src/utils.ts", java.util.Set.of("plain", "object"));
        assertThat(FunctionWords.towardsGatheringFunction(new java.util.ArrayList<>(chosen), ChangeLocator.keys(objective), facts(ws),
                path -> true, scores, terms, java.util.Set.of())).extracting(ChangeLocator.FileMatch::path)
                .containsExactly("src/structs/coercions.ts");
    }
}
