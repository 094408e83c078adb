package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A refusal of trust (trust_denied's payload): by a person (human_denial) or by the policy's denied roots. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustDenial(String approver, ApprovalSource source, String time, String reason, String root,
                          String comment, String digest) {}
