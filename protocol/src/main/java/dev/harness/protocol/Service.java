package dev.harness.protocol;

import java.util.List;
import java.util.Map;

/** A standalone JSON-RPC service: its contract's name, its options and its handlers. */
public interface Service {
    /** The service's name, which is also its contract's: contracts/NAME.contract.yaml. */
    String name();

    /** One sentence for --help. */
    String summary();

    default List<CliOption> options() {
        return List.of();
    }

    /** Applies options (flag or environment); values that make no sense are a UsageException. */
    default void configure(Map<String, String> options) throws UsageException {}

    /** Registers a handler for each contract method. */
    void register(Dispatcher dispatcher);

    /** EOF on stdin: let work already started reach an end (bounded), before the process exits. */
    default void finish() {}

    /** SIGTERM: stop promptly, cleaning up what must not outlive the service. */
    default void terminate() {}
}
