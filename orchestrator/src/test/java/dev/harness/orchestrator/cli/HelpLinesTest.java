package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.orchestrator.Orchestrator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every command's help, at every width picocli allows: no path or option from the annotations is split over two lines. */
class HelpLinesTest {
    /** Path-like tokens: ~/…, /…, --option (trailing sentence punctuation is not part of them). */
    private static final Pattern TOKEN = Pattern.compile("(?<![\\w./~-])(~/[^\\s,;)'\"`]+|/[A-Za-z.][^\\s,;)'\"`]*|--[a-z][a-z0-9-]*)");

    // picocli's narrowest help is 55 columns (setUsageHelpWidth refuses less), so 40 is not a width it renders
    @ParameterizedTest
    @ValueSource(ints = {55, 80, 200})
    void noPathOrOptionIsSplitOverTwoLines(int width) {
        List<CommandLine> commands = new ArrayList<>();
        collect(Orchestrator.commandLine(), commands);
        assertThat(commands).hasSizeGreaterThan(5);
        int checked = 0;
        for (CommandLine command : commands) {
            command.setUsageHelpAutoWidth(false);
            command.setUsageHelpWidth(width);
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String joined = help.replaceAll("[ \\t]*\\n[ \\t]*", "");
            for (String token : tokens(command)) {
                assertThat(help).as("%s --help at %d columns keeps %s on one line:%n%s",
                        command.getCommandSpec().qualifiedName(), width, token, help).contains(token);
                assertThat(count(help, token)).as("%s --help at %d columns splits %s:%n%s",
                        command.getCommandSpec().qualifiedName(), width, token, help).isEqualTo(count(joined, token));
                checked++;
            }
            for (String line : help.split("\n")) {
                if (!line.isBlank() && line.strip().indexOf(' ') > 0) {
                    assertThat(line.stripTrailing().length()).as("a line of words fits %d columns: %s", width, line)
                            .isLessThanOrEqualTo(width);
                }
            }
        }
        assertThat(checked).as("tokens checked").isGreaterThan(20);
    }

    @ParameterizedTest
    @ValueSource(ints = {55, 80})
    void theTrustPolicyPathIsWhole(int width) {
        CommandLine cli = Orchestrator.commandLine();
        cli.setUsageHelpAutoWidth(false);
        cli.setUsageHelpWidth(width);
        Set<String> all = new LinkedHashSet<>();
        List<CommandLine> commands = new ArrayList<>();
        collect(cli, commands);
        commands.forEach(c -> all.addAll(tokens(c)));
        assertThat(all).contains("~/.config/harness/trust-policy.yaml");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(c -> collect(c, into));
    }

    /** The path-like tokens in the command's own annotations (descriptions, header, footer, options). */
    private static Set<String> tokens(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        List<String> texts = new ArrayList<>();
        texts.addAll(List.of(spec.usageMessage().description()));
        texts.addAll(List.of(spec.usageMessage().header()));
        texts.addAll(List.of(spec.usageMessage().footer()));
        Stream.concat(spec.options().stream(), spec.positionalParameters().stream())
                .filter(arg -> !arg.hidden())
                .forEach(arg -> texts.addAll(List.of(arg.description())));
        Set<String> tokens = new LinkedHashSet<>();
        for (String text : texts) {
            if (text.contains("${")) {
                continue;
            }
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                String token = m.group(1).replaceAll("[.:]+$", "");
                if (token.length() > 2) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }

    private static int count(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
            n++;
        }
        return n;
    }
}
