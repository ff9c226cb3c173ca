package io.pillar.identity.aws;

import java.util.List;
import java.util.Map;

/**
 * What Pillar knows of one AWS account's identities: principals and managed policies by ARN, and the external access
 * IAM Access Analyzer last reported.
 */
public record AwsAccount(String id, Map<String, AwsPrincipal> principals, Map<String, ManagedPolicy> policies,
        List<ExternalAccess> externalAccess) {

    public AwsAccount {
        externalAccess = externalAccess == null ? List.of() : List.copyOf(externalAccess);
    }

    public AwsAccount(String id, Map<String, AwsPrincipal> principals, Map<String, ManagedPolicy> policies) {
        this(id, principals, policies, List.of());
    }
}
