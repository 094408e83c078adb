package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A domain error of the service's contract, by its declared name ({@code errors:} in
 * contracts/NAME.contract.yaml), thrown from any depth of a handler. The dispatcher resolves the
 * name to the declared code; a name the contract does not declare is a bug in the service and is
 * answered -32603, with the details on stderr. Code below the handler therefore never needs the
 * contract, a RequestContext or a number:
 *
 * <pre>{@code throw new DomainError("trust_denied", "The trust policy denies " + path + ".", data);}</pre>
 */
public class DomainError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final transient JsonNode data;

    public DomainError(String name, String message, JsonNode data) {
        super(message, null, false, false);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a domain error needs its declared name");
        }
        this.name = name;
        this.data = data;
    }

    public DomainError(String name, String message) {
        this(name, message, null);
    }

    /** The name declared in the contract's {@code errors:}. */
    public String name() {
        return name;
    }

    public JsonNode data() {
        return data;
    }
}
