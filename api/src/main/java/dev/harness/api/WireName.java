package dev.harness.api;

/**
 * An enum constant with a stable name on the wire (snake_case, as the schemas spell it). The
 * Java name may change; the wire name may not: a test pins every wire name against its schema.
 */
public interface WireName {
    String wire();
}
