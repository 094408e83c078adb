package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an objective writes only in parentheses is an example of its case (`a < b` with booleans gives null): a rare word
 * there that only files lacking what the objective names hold (a table of type names, not the comparison) is not its
 * rarest concept when it has one outside the parentheses.
 */
class ParentheticalScopingTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "ordering must give null (`a < b` with booleans or objects gives null)|boolean,object",
        // a word also written outside the parentheses is the objective's own
        "objects must compare (two objects, or booleans)|two,boolean",
        // nested parentheses and a call in code form: the words inside are examples all the same
        "sorting must be stable (keys compared by `key(item)` (ties keep order))|key,compar,item,tie,keep,order",
        "a plain objective with no parentheses|''",
    })
    void wordsOnlyInsideParenthesesAreExamples(String objective, String expected) {
        assertThat(ChangeLocator.exampleWords(objective))
                .containsExactlyInAnyOrderElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")));
    }

    /** An expression evaluator: the comparisons in one module, a table of type names (boolean, object, null) in another. */
    private Path evaluator() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("expr"));
        write(ws, "pyproject.toml", "[project]\nname = \"expr\"\n");
        write(ws, "expr/__init__.py", "");
        write(ws, "expr/evaluator.py", """
                import operator


                def _is_comparable(x):
                    # ordering comparisons are only defined for numbers and strings
                    return isinstance(x, (int, float, str))


                class Evaluator:
                    COMPARATOR_FUNC = {'lt': operator.lt, 'lte': operator.le, 'gt': operator.gt, 'eq': operator.eq}

                    def visit_comparator(self, node, left, right):
                        return comparison(self.COMPARATOR_FUNC[node['value']], node['value'], left, right)


                def comparison(comparator_func, name, left, right):
                    # Common case: comparator is == or !=, which compares any values
                    if name in ('eq', 'ne'):
                        return comparator_func(left, right)
                    # Ordering operators are only valid for numbers and strings.
                    # Evaluating any other type with a comparison operator gives None.
                    # python's booleans are ints: they are not numbers here.
                    # (an ordering of two values of other types has no answer)
                    if not (_is_comparable(left) and _is_comparable(right)):
                        return None
                    return comparator_func(left, right)
                """);
        write(ws, "expr/types.py", """
                from collections import OrderedDict

                TYPES_MAP = {
                    'bool': 'boolean',
                    'list': 'array',
                    'dict': 'object',
                    'OrderedDict': 'object',
                    'float': 'number',
                    'int': 'number',
                    'str': 'string',
                    'NoneType': 'null',
                }

                REVERSE_TYPES_MAP = {
                    'boolean': ('bool',),
                    'object': ('dict', 'OrderedDict'),
                    'null': ('NoneType',),
                    'string': ('str',),
                    'number': ('float', 'int'),
                }


                def type_of(value):
                    # booleans first: a bool is an int to python
                    if isinstance(value, bool):
                        return 'boolean'
                    if value is None:
                        return 'null'
                    return TYPES_MAP.get(type(value).__name__, 'object')
                """);
        // the lexer and parser handle numbers, strings and values too: those are the project's everyday words
        write(ws, "expr/lexer.py", """
                def tokenize(text):
                    # numbers, strings and other values become tokens
                    for value in text.split():
                        if value.isdigit():
                            yield {'type': 'number', 'value': int(value)}
                        else:
                            yield {'type': 'string', 'value': value}
                """);
        write(ws, "expr/parser.py", """
                def parse(tokens):
                    # a number or a string literal is a value node; an object literal holds values
                    return [{'type': 'literal', 'value': t['value']} for t in tokens if t['type'] in ('number', 'string')]
                """);
        write(ws, "tests/test_evaluator.py", "from expr.evaluator import Evaluator\n\n\ndef test_lt():\n    assert Evaluator()\n");
        return ws;
    }

    @Test
    void aRareWordOfTheObjectivesExampleDoesNotLeadToATableOfTypeNames() throws Exception {
        Path ws = evaluator();
        // "booleans" is the objective's rarest word, but only in its example: the change is to the ordering comparison
        assertThat(located("an ordering comparison (`<`, `<=`, `>`, `>=`) must evaluate to `null` unless both sides are numbers"
                + " or both strings (`a < b` with booleans or objects gives null), while `==` and `!=` compare any values", facts(ws)))
                .containsExactly("expr/evaluator.py");
    }
}
