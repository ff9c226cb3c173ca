package io.pillar.identity.aws;

import com.fasterxml.jackson.databind.JsonNode;

/** A managed policy: its ARN, name, whether AWS manages it, and the document of its default version. */
public record ManagedPolicy(String arn, String name, boolean awsManaged, String defaultVersion, JsonNode document) {

    public static boolean isAwsManaged(String arn) {
        return arn.startsWith("arn:aws:iam::aws:policy/") || arn.matches("arn:aws[a-z-]*:iam::aws:policy/.*");
    }
}
