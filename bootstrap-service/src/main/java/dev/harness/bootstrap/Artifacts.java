package dev.harness.bootstrap;

/**
 * What one phase reports in its result's {@code artifacts}: one record per phase (each phase class's
 * {@code Artifacts}), written through Jackson and described field by field in
 * schemas/bootstrap-artifacts.schema.json. On the wire the artifacts stay an open object (older
 * records, read back from state.json, may carry other fields); readers use api's PhaseArtifacts views.
 */
public interface Artifacts {}
