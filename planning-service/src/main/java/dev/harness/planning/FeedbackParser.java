package dev.harness.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns plain-language feedback into PlanEdits: drop/skip a task, reorder ("do X before Y",
 * "prioritize X over Y", "X after Y", "X doesn't need to wait for Y", "X first"), add a task,
 * change a task's scope path or acceptance tests. Each sentence must be understood; otherwise
 * the whole feedback is refused (a half-applied request is worse than a clear "I did not get it").
 */
public final class FeedbackParser {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL;
    private static final String CMDS = "((?:`[^`]+`|\"[^\"]+\"|'[^']+')(?:\\s*(?:,|and|,\\s*and)\\s*(?:`[^`]+`|\"[^\"]+\"|'[^']+'))*)";
    private static final String PATH = "(`[^`]+`|\"[^\"]+\"|'[^']+'|[\\w./@+-]+)";
    private static final String REF = "(.+?)";
    private static final String TESTS_WORD = "(?:the\\s+)?acceptance[\\s-]+(?:tests?|checks?|commands?)";
    /** "do X, then Y" / "do X, and Y" / "do X and then Y": two instructions. */
    private static final Pattern CLAUSE_BREAK = Pattern.compile(",\\s*(?:and\\s+)?then\\s+|,\\s+and\\s+|\\s+and\\s+then\\s+|,\\s+also\\s+", FLAGS);
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`|\"([^\"]+)\"|'([^']+)'");
    private static final Pattern POLITE_START = Pattern.compile(
            "^(?:(?:please|kindly|also|then|and|ok(?:ay)?|so|now|finally|first of all|i(?:'d| would) like (?:you )?to|"
                    + "i want (?:you )?to|can you|could you|would you|let's|lets|we should|you should)[\\s,:]+)+", FLAGS);
    private static final Pattern POLITE_END = Pattern.compile("[\\s,]*(?:please|thanks|thank you)?[\\s.!?]*$", FLAGS);
    private static final Pattern PLEASANTRY = Pattern.compile(
            "^(?:thanks?(?: you)?|thx|great|good|nice|looks good(?: otherwise)?|otherwise (?:it )?looks good|lgtm|ok(?:ay)?|cheers)[.!]*$", FLAGS);

    private record Rule(Pattern pattern, Function<Matcher, List<PlanEdit>> edits) {}

    private static final List<Rule> RULES = List.of(
            // acceptance tests (before "add …" so "add `x` to the acceptance tests" is not a new task)
            rule("(?:use|run)\\s+" + CMDS + "\\s+as\\s+" + TESTS_WORD + "\\s+(?:for|of|in|on)\\s+" + REF,
                    m -> new PlanEdit.SetTests(m.group(2), commands(m.group(1)), false)),
            rule("(?:set|change|make|replace)\\s+" + TESTS_WORD + "\\s+(?:for|of|in|on)\\s+" + REF + "\\s+(?:to|with|be)\\s+" + CMDS,
                    m -> new PlanEdit.SetTests(m.group(1), commands(m.group(2)), false)),
            rule("add\\s+" + CMDS + "\\s+(?:to|as)\\s+" + TESTS_WORD + "\\s+(?:for|of|in|on|to)\\s+" + REF,
                    m -> new PlanEdit.SetTests(m.group(2), commands(m.group(1)), true)),
            rule(REF + "\\s+should\\s+be\\s+(?:checked|verified|tested|accepted)\\s+(?:by|with)\\s+" + CMDS,
                    m -> new PlanEdit.SetTests(m.group(1), commands(m.group(2)), false)),
            // scope
            rule("(?:set|change|make|update)\\s+(?:the\\s+)?scope(?:[\\s_]+path)?\\s+(?:of|for|in)\\s+" + REF + "\\s+(?:to|be)\\s+" + PATH,
                    m -> new PlanEdit.SetScope(m.group(1), m.group(2))),
            rule("(?:scope|limit|restrict)\\s+" + REF + "\\s+to\\s+" + PATH,
                    m -> new PlanEdit.SetScope(m.group(1), m.group(2))),
            rule(REF + "\\s+should\\s+(?:only\\s+)?(?:touch|change|be\\s+scoped\\s+to|work\\s+(?:in|on))\\s+(?:only\\s+)?" + PATH,
                    m -> new PlanEdit.SetScope(m.group(1), m.group(2))),
            // add
            rule("add\\s+(?:a|an|another|one\\s+more)\\s+(?:new\\s+)?(?:task|step|packet)\\s*(?:to|for|that|which|:|-)\\s*(.+?)"
                    + "\\s+(after|before)\\s+(task\\s+\\d+|t\\d+|the\\s+.+)",
                    m -> m.group(2).equalsIgnoreCase("after") ? new PlanEdit.Add(m.group(1), m.group(3), null)
                            : new PlanEdit.Add(m.group(1), null, m.group(3))),
            rule("add\\s+(?:a|an|another|one\\s+more)\\s+(?:new\\s+)?(?:task|step|packet)\\s*(?:to|for|that|which|:|-)\\s*(.+)",
                    m -> new PlanEdit.Add(m.group(1), null, null)),
            // a dependency, not a task, is what goes ("remove the dependency of t3 on t2")
            rule("(?:remove|drop|delete|cut|break)\\s+(?:the\\s+)?(?:dependency|dependence|edge|link|wait)\\s+(?:of|from)\\s+" + REF
                            + "\\s+(?:on|to)\\s+" + REF,
                    m -> new PlanEdit.Unblock(m.group(1), m.group(2))),
            rule(REF + "\\s+(?:should\\s+)?no\\s+longer\\s+(?:depends?\\s+on|waits?\\s+(?:for|on))\\s+" + REF,
                    m -> new PlanEdit.Unblock(m.group(1), m.group(2))),
            // drop
            rule("(?:drop|skip|remove|delete|omit|cut|forget(?:\\s+about)?|get\\s+rid\\s+of)\\s+" + REF,
                    m -> new PlanEdit.Drop(m.group(1))),
            rule("(?:(?:we\\s+)?(?:don't|do\\s+not)\\s+(?:need\\s+(?:to\\s+)?|do\\s+|bother\\s+(?:with\\s+)?)?|no\\s+need\\s+(?:for|to\\s+do|to)\\s+)" + REF,
                    m -> new PlanEdit.Drop(m.group(1))),
            rule(REF + "\\s+is(?:n't|\\s+not)\\s+(?:needed|necessary|required)",
                    m -> new PlanEdit.Drop(m.group(1))),
            // ordering
            both("(?:run|do)\\s+" + REF + "\\s+and\\s+" + REF + "\\s+in\\s+parallel",
                    m -> List.of(new PlanEdit.Unblock(m.group(1), m.group(2)), new PlanEdit.Unblock(m.group(2), m.group(1)))),
            both(REF + "\\s+and\\s+" + REF + "\\s+(?:can|should|may)\\s+(?:run|happen|be\\s+done)\\s+in\\s+parallel",
                    m -> List.of(new PlanEdit.Unblock(m.group(1), m.group(2)), new PlanEdit.Unblock(m.group(2), m.group(1)))),
            rule(REF + "\\s+(?:does\\s+not|doesn't|should\\s+not|shouldn't|need\\s+not|needn't|must\\s+not|mustn't)\\s+"
                    + "(?:need\\s+to\\s+)?(?:wait\\s+(?:for|on)|depend\\s+on|be\\s+blocked\\s+by)\\s+" + REF,
                    m -> new PlanEdit.Unblock(m.group(1), m.group(2))),
            rule("(?:prioriti[sz]e|favou?r|put)\\s+" + REF + "\\s+(?:over|above|ahead\\s+of|before)\\s+" + REF,
                    m -> new PlanEdit.Order(m.group(1), m.group(2))),
            rule("make\\s+" + REF + "\\s+(?:depend\\s+on|wait\\s+for)\\s+" + REF,
                    m -> new PlanEdit.Depend(m.group(1), m.group(2))),
            rule(REF + "\\s+(?:should|must|has\\s+to|needs\\s+to)\\s+(?:wait\\s+(?:for|on)|depend\\s+on)\\s+" + REF,
                    m -> new PlanEdit.Depend(m.group(1), m.group(2))),
            rule(REF + "\\s+(?:depends|waits)\\s+on\\s+" + REF,
                    m -> new PlanEdit.Depend(m.group(1), m.group(2))),
            rule("(?:(?:do|run|start|schedule|move|put)\\s+)?" + REF + "\\s+(?:(?:should|must|can)\\s+(?:come|go|run|happen|be\\s+done)\\s+)?"
                    + "(?:before|ahead\\s+of|prior\\s+to)\\s+" + REF,
                    m -> new PlanEdit.Order(m.group(1), m.group(2))),
            rule("(?:(?:do|run|start|schedule|move|put)\\s+)?" + REF + "\\s+(?:(?:should|must|can)\\s+(?:come|go|run|happen|be\\s+done)\\s+)?"
                    + "after\\s+" + REF,
                    m -> new PlanEdit.Order(m.group(2), m.group(1))),
            rule("(?:start\\s+with|begin\\s+with)\\s+" + REF, m -> new PlanEdit.First(m.group(1))),
            rule("(?:(?:do|run|start|schedule|put)\\s+)?" + REF + "\\s+first", m -> new PlanEdit.First(m.group(1))));

    private FeedbackParser() {}

    public static List<PlanEdit> parse(String feedback) throws FeedbackNotUnderstood {
        List<PlanEdit> edits = new ArrayList<>();
        for (String sentence : sentences(feedback)) {
            String clause = POLITE_END.matcher(POLITE_START.matcher(sentence.strip()).replaceFirst("")).replaceFirst("").strip();
            if (clause.isEmpty() || PLEASANTRY.matcher(clause).matches()) {
                continue;
            }
            List<PlanEdit> clauseEdits = parseClause(clause);
            if (clauseEdits == null) {
                throw new FeedbackNotUnderstood("Could not understand '" + PlanRules.abbreviate(sentence.strip(), 120)
                        + "'; refine understands: drop/skip a task, do X before Y, prioritize X over Y, X after Y, "
                        + "X doesn't need to wait for Y, add a task to …, set the scope of task N to PATH, "
                        + "use `COMMAND` as the acceptance test for task N.");
            }
            edits.addAll(clauseEdits);
        }
        if (edits.isEmpty()) {
            throw new FeedbackNotUnderstood("The feedback asks for no change to the plan.");
        }
        return edits;
    }

    /** The edits one clause asks for; null when no rule matches it. */
    static List<PlanEdit> parseClause(String clause) {
        for (Rule rule : RULES) {
            Matcher m = rule.pattern.matcher(clause);
            if (m.matches()) {
                return rule.edits.apply(m);
            }
        }
        return null;
    }

    /** Sentences end at . ! ? ; or a newline followed by space — but not inside `code` or quotes, nor in src/x.js. */
    static List<String> sentences(String feedback) {
        List<String> sentences = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < feedback.length(); i++) {
            char c = feedback.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
                continue;
            }
            if (c == '`' || c == '"') {
                quote = c;
                current.append(c);
                continue;
            }
            boolean end = c == '\n' || c == ';'
                    || ((c == '.' || c == '!' || c == '?') && (i + 1 == feedback.length() || Character.isWhitespace(feedback.charAt(i + 1))));
            if (end) {
                sentences.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        sentences.add(current.toString());
        List<String> clauses = new ArrayList<>();
        for (String sentence : sentences) {
            if (sentence.indexOf('`') >= 0 || sentence.indexOf('"') >= 0) {
                clauses.add(sentence); // quoted commands may contain anything; keep the sentence whole
            } else {
                clauses.addAll(List.of(CLAUSE_BREAK.split(sentence)));
            }
        }
        return clauses.stream().filter(s -> !s.isBlank()).toList();
    }

    /** Commands written as `cmd`, "cmd" or 'cmd', separated by commas or "and". */
    static List<String> commands(String group) {
        List<String> commands = new ArrayList<>();
        Matcher m = QUOTED.matcher(group);
        while (m.find()) {
            String command = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (!command.isBlank()) {
                commands.add(command.strip());
            }
        }
        return commands;
    }

    /** A path as written, without quotes, ./ or a trailing slash. */
    static String cleanPath(String path) {
        String p = path.strip();
        Matcher m = QUOTED.matcher(p);
        if (m.matches()) {
            p = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        }
        while (p.startsWith("./") && p.length() > 2) {
            p = p.substring(2);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static Rule rule(String regex, Function<Matcher, PlanEdit> edit) {
        return new Rule(Pattern.compile(regex, FLAGS), m -> List.of(edit.apply(m)));
    }

    /** A sentence that asks for two edits ("run X and Y in parallel"). */
    private static Rule both(String regex, Function<Matcher, List<PlanEdit>> edits) {
        return new Rule(Pattern.compile(regex, FLAGS), edits);
    }
}
