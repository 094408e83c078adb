package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DNS toolkit (round 17's dnspython): two modules define inet_ntoa; the objective calls it by its dotted path
 * ({@code dns.ipv6.inet_ntoa}), which names one of them.
 */
class DottedModuleTest {
    @TempDir
    Path temp;

    @Test
    void aDottedNameSpellingAModulesPathNamesThatModuleAlone() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("dnsish"));
        write(ws, "pyproject.toml", "[project]\nname = \"dnsish\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        write(ws, "dns/__init__.py", "");
        write(ws, "dns/ipv4.py", "\"\"\"IPv4 helper functions.\"\"\"\n\n\ndef inet_ntoa(address):\n"
                + "    \"\"\"Convert an IPv4 address in binary form to text form: each byte written as a number, no zero run.\"\"\"\n"
                + "    return '.'.join(str(b) for b in address)\n\n\ndef inet_aton(text):\n    return bytes(int(p) for p in text.split('.'))\n");
        write(ws, "dns/ipv6.py", "\"\"\"IPv6 helper functions.\"\"\"\n\n\ndef inet_ntoa(address):\n"
                + "    \"\"\"Convert an IPv6 address in binary form to text form, the longest run of zero groups written as '::'.\"\"\"\n"
                + "    groups = [address[i] << 8 | address[i + 1] for i in range(0, 16, 2)]\n"
                + "    return ':'.join('%x' % g for g in groups)\n\n\ndef inet_aton(text):\n    return bytes(16)\n");
        write(ws, "tests/test_ntoaaton.py", "import dns.ipv4\nimport dns.ipv6\n\n\ndef test_v4():\n    assert dns.ipv4.inet_ntoa(b'\\x01\\x02\\x03\\x04')\n\n\n"
                + "def test_v6():\n    assert dns.ipv6.inet_ntoa(bytes(16))\n");
        PlanDraft draft = new BuiltInPlanner().plan("Converting IPv6 addresses to text compresses a lone zero group: "
                + "dns.ipv6.inet_ntoa(dns.ipv6.inet_aton('2001:db8:0:1:1:1:1:1')) returns '2001:db8::1:1:1:1:1'. '::' must only "
                + "replace a run of two or more zero groups; a single zero group is written as '0'.", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).startsWith("Make the change in dns/ipv6.py that").doesNotContain("ipv4.py");
        // unit: a chosen module no dotted name spells stays when none is spelled
        List<ChangeLocator.FileMatch> chosen = List.of(new ChangeLocator.FileMatch("dns/ipv6.py", 9, List.of(), "dns/ipv6.py:4"),
                new ChangeLocator.FileMatch("dns/ipv4.py", 8, List.of(), "dns/ipv4.py:4"));
        assertThat(ChangeLocator.withinDottedModules(chosen, ChangeLocator.keys("inet_ntoa compresses a lone zero group")))
                .hasSize(2);
    }
}
