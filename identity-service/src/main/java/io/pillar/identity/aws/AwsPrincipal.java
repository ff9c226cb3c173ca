package io.pillar.identity.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An IAM user, role or group, or the account's root user, as the identity-service keeps it (metadata only: no
 * secret ever). {@code iam} parts come from an authorization-details export, {@code credentials} from a credential
 * report; either may be absent until that import. Policy documents are kept as received.
 */
public record AwsPrincipal(String kind, String arn, String name, String id, String path, Instant createdAt,
        List<String> groups, List<InlinePolicy> inlinePolicies, List<String> managedPolicies,
        String permissionsBoundary, JsonNode trustPolicy, Instant lastUsed, Map<String, String> tags,
        Credentials credentials) {

    public static final String USER = "user";
    public static final String ROLE = "role";
    public static final String GROUP = "group";
    public static final String ROOT = "root";

    public AwsPrincipal {
        groups = groups == null ? List.of() : List.copyOf(groups);
        inlinePolicies = inlinePolicies == null ? List.of() : List.copyOf(inlinePolicies);
        managedPolicies = managedPolicies == null ? List.of() : List.copyOf(managedPolicies);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** An inline policy: its name and document. */
    public record InlinePolicy(String name, JsonNode document) {
    }

    /** What a credential report says of one user: never a secret, only whether each credential exists and its age. */
    public record Credentials(Boolean passwordEnabled, Instant passwordLastUsed, Instant passwordLastChanged,
            boolean mfaActive, List<AccessKey> accessKeys, List<Certificate> certificates, Instant reportedAt) {
        public Credentials {
            accessKeys = accessKeys == null ? List.of() : List.copyOf(accessKeys);
            certificates = certificates == null ? List.of() : List.copyOf(certificates);
        }
    }

    /** An access key slot (1 or 2) of a user: active or not, when rotated and last used, and where. */
    public record AccessKey(int slot, boolean active, Instant lastRotated, Instant lastUsed, String lastUsedService,
            String lastUsedRegion) {
    }

    /** A signing certificate slot of a user. */
    public record Certificate(int slot, boolean active, Instant lastRotated) {
    }

    public AwsPrincipal withCredentials(Credentials c) {
        return new AwsPrincipal(kind, arn, name, id, path, createdAt, groups, inlinePolicies, managedPolicies,
                permissionsBoundary, trustPolicy, lastUsed, tags, c);
    }

    /** The IAM part of this principal with the credentials of {@code other} (a later export keeps the report's). */
    public AwsPrincipal withCredentialsOf(AwsPrincipal other) {
        return other == null ? this : withCredentials(other.credentials());
    }

    /** The account id of an IAM ARN ({@code arn:aws:iam::123456789012:user/alice}), null when it has none. */
    public static String accountOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }
}
