package io.pillar.inventory.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The real AWS Config items and EC2 CLI output of ../shared/samples (RDK examples, AWS CLI documentation). They are
 * not part of the project: without them the test is skipped, saying so.
 */
class SampleConformanceTest {
    private static final Path SAMPLES = Path.of("..", "..", "shared", "samples").toAbsolutePath().normalize();

    private static Path sample(String name) {
        Path p = SAMPLES.resolve(name);
        assumeTrue(Files.exists(p), "samples not present at " + SAMPLES + ": sample conformance skipped");
        return p;
    }

    @Test
    void everyRdkConfigurationItemIsRead() throws Exception {
        record Expect(String file, String type, String naturalId) {
        }
        for (Expect e : List.of(
                new Expect("rdk_example_ci_AWS_EC2_Instance.json", "instance", null),
                new Expect("rdk_example_ci_AWS_EC2_SecurityGroup.json", "security_group",
                        "arn:aws:ec2:us-east-1:264683526309:security-group/sg-1d56fc66"),
                new Expect("rdk_example_ci_AWS_IAM_User.json", "user", "arn:aws:iam::112233445566:user/johndoe"),
                new Expect("rdk_example_ci_AWS_RDS_DBInstance.json", "database", null),
                new Expect("rdk_example_ci_AWS_S3_Bucket.json", "bucket",
                        "arn:aws:s3:::mborch-test-bucket-config-item"))) {
            Collected c = Collected.file(sample("aws_config_ci/" + e.file()), null);
            assertEquals("aws-config", c.format, e.file());
            assertEquals(1, c.assets.size(), e.file() + " " + c.rejected);
            AssetDraft a = c.assets.get(0);
            assertEquals(e.type(), a.type, e.file());
            if (e.naturalId() != null) {
                assertEquals(e.naturalId(), a.naturalId, e.file());
            }
            assertFalse(a.account == null, e.file() + ": account (accountId or awsAccountId)");
        }
        AssetDraft bucket = Collected.file(sample("aws_config_ci/rdk_example_ci_AWS_S3_Bucket.json"), null).assets
                .get(0);
        assertTrue(bucket.attributes.get("tls_only").asBoolean(), "its policy denies aws:SecureTransport false");
        assertTrue(bucket.attributes.get("versioning").asBoolean());
        assertFalse(bucket.attributes.get("publicly_accessible").asBoolean(), "the Deny * statement is not public");

        AssetDraft sg = Collected.file(sample("aws_config_ci/rdk_example_ci_AWS_EC2_SecurityGroup.json"), null).assets
                .get(0);
        assertTrue(sg.attributes.get("open_to_internet").asBoolean(), "ssh from 0.0.0.0/0 (ipRanges as strings)");
        assertEquals(22, sg.attributes.get("ingress").get(0).get("from_port").asInt());

        AssetDraft user = Collected.file(sample("aws_config_ci/rdk_example_ci_AWS_IAM_User.json"), null).assets.get(0);
        assertTrue(user.attributes.get("administrator").asBoolean(), "AdministratorAccess attached");
        assertTrue(user.relationships.contains(new AssetDraft.Relationship("member-of", "AGPAJNIBGFRSRIKL7VAD6")));

        AssetDraft db = Collected.file(sample("aws_config_ci/rdk_example_ci_AWS_RDS_DBInstance.json"), null).assets
                .get(0);
        assertEquals("mysql", db.attributes.get("engine").asText());
        assertEquals("production", db.tags.get("workload-type"), "tags from supplementaryConfiguration.Tags");
        assertTrue(db.relationships.contains(new AssetDraft.Relationship("attached-to", "sg-e627199e")));

        AssetDraft instance = Collected.file(sample("aws_config_ci/rdk_example_ci_AWS_EC2_Instance.json"), null).assets
                .get(0);
        assertFalse(instance.attributes.get("imds_v2_required").asBoolean(), "httpTokens optional");
        assertEquals("34.205.29.138", instance.attributes.get("public_ip").asText());
    }

    @Test
    void theCliDescribeInstancesExampleIsRead() throws Exception {
        Collected c = Collected.file(sample("aws_ec2/awscli_ec2_describe-instances.json"), null);
        assertEquals("ec2-describe", c.format);
        assertTrue(c.rejected.isEmpty(), c.rejected.toString());
        assertEquals(1, c.assets.size());
        AssetDraft i = c.assets.get(0);
        assertEquals("instance", i.type);
        assertEquals("i-1234567890abcdef0", i.attributes.get("instance_id").asText());
        assertEquals("us-east-2", i.region, "from the availability zone us-east-2a");
        assertEquals("34.253.223.13", i.attributes.get("public_ip").asText());
        assertTrue(i.identifiers.contains("i-1234567890abcdef0"));
        assertTrue(i.relationships.contains(new AssetDraft.Relationship("member-of", "subnet-04a636d18e83cfacb")));
    }
}
