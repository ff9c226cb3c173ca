package io.pillar.identity.aws;

import java.util.Map;

/** What Pillar knows of one AWS account's identities: principals and managed policies by ARN. */
public record AwsAccount(String id, Map<String, AwsPrincipal> principals, Map<String, ManagedPolicy> policies) {
}
