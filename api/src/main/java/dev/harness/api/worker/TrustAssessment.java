package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The trust policy's verdict on a worker's workspace (a snapshot's trust): verdict, reason, root, policy file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustAssessment(TrustVerdictKind verdict, String reason, String root, String policy) {}
