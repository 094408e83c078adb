package dev.harness.protocol;

/**
 * A command-line option of a service: {@code --name VALUE} (or {@code --name=VALUE}), or a flag
 * when {@code argName} is null. {@code envVar}, when set, supplies the value if the flag is absent.
 */
public record CliOption(String name, String argName, String help, String envVar) {
    public CliOption {
        if (name == null || !name.startsWith("--")) {
            throw new IllegalArgumentException("option names start with --");
        }
    }

    public boolean isFlag() {
        return argName == null;
    }
}
