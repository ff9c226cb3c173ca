package io.pillar.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * AWS Config snapshots of generated assets, one account per run: instances behind security groups, buckets and
 * databases, in the shapes real configuration items have. {@code revision} goes into a tag, so a later revision
 * changes every asset.
 */
final class AssetReportGenerator {

    static Path configSnapshot(Path dir, String account, int n, int revision) throws IOException {
        Path file = dir.resolve("assets-" + account + "-" + revision + ".json");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"fileVersion\": \"1.0\", \"configurationItems\": [\n");
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    w.write(",\n");
                }
                w.write(item(account, i, revision));
            }
            w.write("\n]}\n");
        }
        return file;
    }

    private static String item(String account, int i, int revision) {
        String tags = "{\"owner\": \"team-%d\", \"data-classification\": \"%s\", \"rev\": \"%d\"}".formatted(i % 40,
                i % 7 == 0 ? "restricted" : "internal", revision);
        String id = Long.toHexString(Long.parseLong(account) % 0xfffffL) + "%08x".formatted(i);
        String group = Long.toHexString(Long.parseLong(account) % 0xfffffL) + "%08x".formatted(i - i % 5 + 2);
        String head = """
                {"configurationItemStatus": "OK", "awsAccountId": "%s", "awsRegion": "eu-west-1", "tags": %s, """
                .formatted(account, tags);
        String json = switch (i % 5) {
            case 0, 1 ->
                head + """
                        "resourceType": "AWS::EC2::Instance", "resourceId": "i-{ID}", "ARN": "arn:aws:ec2:eu-west-1:%1$s:instance/i-{ID}",
                        "relationships": [{"resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-{GROUP}", "relationshipName": "Is associated with SecurityGroup"}],
                        "configuration": {"instanceId": "i-{ID}", "instanceType": "t3.small", "state": {"name": "running"},
                          "publicIpAddress": "%4$s", "privateIpAddress": "10.%5$d.%6$d.%7$d",
                          "metadataOptions": {"httpTokens": "%8$s", "httpEndpoint": "enabled"},
                          "securityGroups": [{"groupId": "sg-{GROUP}"}], "subnetId": "subnet-%9$04x", "vpcId": "vpc-%10$02x"}}"""
                        .formatted(account, i, i - i % 5 + 2, i % 3 == 0
                                ? "198.51.%d.%d".formatted(i / 256 % 256,
                                        i % 256)
                                : null, i / 65536 % 256, i / 256 % 256, i % 256,
                                i % 2 == 0 ? "required" : "optional", i % 4096, i % 64)
                        .replace("\"null\"", "null");
            case 2 ->
                head + """
                        "resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-{ID}", "ARN": "arn:aws:ec2:eu-west-1:%1$s:security-group/sg-{ID}",
                        "configuration": {"groupId": "sg-{ID}", "groupName": "g%2$d", "vpcId": "vpc-%3$02x", "ipPermissions": [
                          {"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}]},
                          {"ipProtocol": "tcp", "fromPort": %4$d, "toPort": %4$d, "ipv4Ranges": [{"cidrIp": "%5$s"}]}],
                          "ipPermissionsEgress": [{"ipProtocol": "-1", "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}]}]}}"""
                        .formatted(account, i, i % 64, i % 10 == 2 ? 22 : 5432,
                                i % 20 == 2 ? "0.0.0.0/0" : "10.0.0.0/8");
            case 3 ->
                head + """
                        "resourceType": "AWS::S3::Bucket", "resourceId": "b-%1$s-%2$d", "ARN": "arn:aws:s3:::b-%1$s-%2$d",
                        "configuration": {"name": "b-%1$s-%2$d"},
                        "supplementaryConfiguration": {
                          "AccessControlList": "{\\"grantList\\":[%3$s]}",
                          "ServerSideEncryptionConfiguration": {"rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}]},
                          "BucketVersioningConfiguration": {"status": "Enabled"},
                          "BucketLoggingConfiguration": {"destinationBucketName": "logs-%1$s"},
                          "PublicAccessBlockConfiguration": {"blockPublicAcls": %4$s, "ignorePublicAcls": %4$s, "blockPublicPolicy": true, "restrictPublicBuckets": true}}}"""
                        .formatted(account, i, i % 50 == 3 ? "{\\\"grantee\\\":\\\"AllUsers\\\"}" : "",
                                i % 50 == 3 ? "false" : "true");
            default ->
                head + """
                        "resourceType": "AWS::RDS::DBInstance", "resourceId": "db-{ID}", "ARN": "arn:aws:rds:eu-west-1:%1$s:db:db-{ID}",
                        "relationships": [{"resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg-{GROUP}", "relationshipName": "Is associated with SecurityGroup"}],
                        "configuration": {"dBInstanceIdentifier": "db-{ID}", "engine": "postgres", "engineVersion": "16.4",
                          "publiclyAccessible": %4$s, "storageEncrypted": %5$s, "backupRetentionPeriod": 7, "multiAZ": true,
                          "autoMinorVersionUpgrade": true, "endpoint": {"address": "db-{ID}.%1$s.eu-west-1.rds.amazonaws.com", "port": 5432},
                          "vpcSecurityGroups": [{"vpcSecurityGroupId": "sg-{GROUP}"}]}}"""
                        .formatted(account, i, i - i % 5 + 2, i % 30 == 4 ? "true" : "false",
                                i % 9 == 4 ? "false" : "true");
        };
        return json.replace("{ID}", id).replace("{GROUP}", group);
    }

    private AssetReportGenerator() {
    }
}
