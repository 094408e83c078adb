package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin framework (round 17's pf4j): an interface of abstract methods and the class implementing it. A change of
 * behaviour goes to the class; the interface changes only with the API.
 */
class JavaInterfaceTest {
    @TempDir
    Path temp;

    private Path framework() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("plugins"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>plugins</artifactId>"
                + "<version>1</version></project>");
        String pkg = "src/main/java/org/plugins/";
        write(ws, pkg + "PluginStatusProvider.java", "package org.plugins;\n\n/** Tells which plugins are disabled. */\n"
                + "public interface PluginStatusProvider {\n\n    /** Whether the plugin is disabled (listed in disabled.txt). */\n"
                + "    boolean isPluginDisabled(String pluginId);\n\n    void disablePlugin(String pluginId);\n}\n");
        write(ws, pkg + "DefaultPluginStatusProvider.java", "package org.plugins;\n\nimport java.util.List;\n\n"
                + "/** Reads enabled.txt and disabled.txt from the plugins folder. */\n"
                + "public class DefaultPluginStatusProvider implements PluginStatusProvider {\n"
                + "    private final List<String> enabledPlugins;\n    private final List<String> disabledPlugins;\n\n"
                + "    public DefaultPluginStatusProvider(List<String> enabled, List<String> disabled) {\n"
                + "        this.enabledPlugins = enabled;\n        this.disabledPlugins = disabled;\n    }\n\n"
                + "    @Override\n    public boolean isPluginDisabled(String pluginId) {\n"
                + "        return disabledPlugins.contains(pluginId);\n    }\n\n"
                + "    @Override\n    public void disablePlugin(String pluginId) {\n        disabledPlugins.add(pluginId);\n    }\n}\n");
        write(ws, "src/test/java/org/plugins/DefaultPluginStatusProviderTest.java", "package org.plugins;\n\n"
                + "public class DefaultPluginStatusProviderTest {\n    @org.junit.Test public void disabled() { }\n}\n");
        return ws;
    }

    @Test
    void aBehaviourChangeGoesToTheImplementationNotItsInterface() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("When the plugins folder contains an enabled.txt listing plugin-1, a plugin-3 "
                + "that is not listed is not disabled: PluginStatusProvider#isPluginDisabled(\"plugin-3\") returns false. "
                + "enabled.txt is a whitelist: every plugin not named in it must be reported as disabled.", facts(framework()), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("DefaultPluginStatusProvider.java")
                .doesNotContain("org/plugins/PluginStatusProvider.java");
    }

    @Test
    void anInterfaceWithADefaultMethodHoldsCode() throws Exception {
        Path ws = framework();
        assertThat(ChangeLocator.abstractInterface(facts(ws), "src/main/java/org/plugins/PluginStatusProvider.java")).isTrue();
        write(ws, "src/main/java/org/plugins/PluginStatusProvider.java", "package org.plugins;\n\npublic interface PluginStatusProvider {\n"
                + "    boolean isPluginDisabled(String pluginId);\n\n    default boolean isPluginEnabled(String pluginId) {\n"
                + "        return !isPluginDisabled(pluginId);\n    }\n}\n");
        assertThat(ChangeLocator.abstractInterface(facts(ws), "src/main/java/org/plugins/PluginStatusProvider.java")).isFalse();
    }
}
