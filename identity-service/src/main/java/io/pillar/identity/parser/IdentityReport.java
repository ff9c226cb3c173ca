package io.pillar.identity.parser;

import java.time.Instant;
import java.util.List;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.ExternalAccess;
import io.pillar.identity.aws.ManagedPolicy;
import io.pillar.identity.keycloak.KeycloakRealm;

/**
 * What one identity export says of one account: its principals and managed policies ({@code part} {@code iam}), or
 * its users' credentials ({@code credentials}); the records that could not be read, each with its reason; and when
 * the export was made, where it says.
 */
public record IdentityReport(String format, String account, String part, List<AwsPrincipal> principals,
        List<ManagedPolicy> policies, List<ExternalAccess> externalAccess, List<Rejection> rejected,
        Instant generatedAt, KeycloakRealm realm) {
    public static final String IAM = "iam";
    public static final String CREDENTIALS = "credentials";
    public static final String EXTERNAL_ACCESS = "external-access";
    public static final String KEYCLOAK = "keycloak";

    /** An AWS export's reading (no realm). */
    public IdentityReport(String format, String account, String part, List<AwsPrincipal> principals,
            List<ManagedPolicy> policies, List<ExternalAccess> externalAccess, List<Rejection> rejected,
            Instant generatedAt) {
        this(format, account, part, principals, policies, externalAccess, rejected, generatedAt, null);
    }

    /** A record left out, or a part of one (a policy that does not parse): which, and why. */
    public record Rejection(String record, String reason) {
    }
}
