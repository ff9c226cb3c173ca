package io.pillar.inventory.parser.awsconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.Collected;

class AwsConfigParserTest {

    @Test
    void aSnapshotWrapperYieldsNormalizedAssetsWithTheirRelationships() throws Exception {
        Collected c = Collected.fixture("aws-config/snapshot.json", null);
        assertEquals("aws-config", c.format, "detected");
        assertEquals(3, c.assets.size());
        assertTrue(c.rejected.isEmpty());

        AssetDraft bucket = c.byNaturalId("arn:aws:s3:::acme-exports");
        assertEquals("bucket", bucket.type);
        assertEquals("111122223333", bucket.account);
        assertEquals("eu-west-1", bucket.region);
        assertEquals("Data-Platform", bucket.tags.get("Owner"));
        assertTrue(bucket.attributes.get("public_acl").asBoolean());
        assertTrue(bucket.attributes.get("public_policy").asBoolean());
        assertTrue(bucket.attributes.get("publicly_accessible").asBoolean());
        assertEquals("aws:kms", bucket.attributes.get("encryption").asText());
        assertFalse(bucket.attributes.get("tls_only").asBoolean());
        assertFalse(bucket.attributes.get("access_logging").asBoolean());
        assertTrue(bucket.attributes.get("public_access_block").isNull(), "no block configured is stated as null");

        AssetDraft sg = c.byNaturalId("arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0a1b2c3d4e5f60001");
        assertEquals("security_group", sg.type);
        assertTrue(sg.identifiers.contains("sg-0a1b2c3d4e5f60001"));
        assertEquals(2, sg.attributes.get("ingress").size());
        assertEquals(List.of("0.0.0.0/0"), List.of(sg.attributes.get("ingress").get(0).get("sources").get(0).asText()));
        assertEquals(1, sg.attributes.get("ingress").get(0).get("sources").size(), "ipRanges and ipv4Ranges merged");
        assertEquals("all", sg.attributes.get("egress").get(0).get("protocol").asText());
        assertEquals(65535, sg.attributes.get("egress").get(0).get("to_port").asInt());
        assertTrue(sg.attributes.get("open_to_internet").asBoolean());
        assertEquals(List.of(new AssetDraft.Relationship("member-of", "vpc-0f00000000000001")), sg.relationships);

        AssetDraft instance = c.byNaturalId("arn:aws:ec2:eu-west-1:111122223333:instance/i-0a0000000000000a1");
        assertEquals("instance", instance.type);
        assertEquals("i-0a0000000000000a1", instance.name);
        assertTrue(instance.identifiers.containsAll(List.of("i-0a0000000000000a1", "203.0.113.10",
                "ec2-203-0-113-10.eu-west-1.compute.amazonaws.com")));
        assertFalse(instance.attributes.get("imds_v2_required").asBoolean());
        assertEquals("203.0.113.10", instance.attributes.get("public_ip").asText());
        assertTrue(instance.relationships.contains(new AssetDraft.Relationship("attached-to", "sg-0a1b2c3d4e5f60001")));
        assertTrue(instance.relationships.contains(new AssetDraft.Relationship("member-of",
                "subnet-0b00000000000001")));
    }

    @Test
    void deletedItemsAndConfigurationAsAJsonStringAreRead() throws Exception {
        Collected deleted = Collected.fixture("aws-config/one-deleted.json", "aws-config");
        assertEquals(1, deleted.assets.size());
        assertTrue(deleted.assets.get(0).deleted);

        Collected list = Collected.fixture("aws-config/list-with-invalid.json", "aws-config");
        assertEquals(2, list.assets.size());
        AssetDraft key = list.assets.get(0);
        assertEquals("key", key.type);
        assertEquals("CUSTOMER", key.attributes.get("key_manager").asText());
        assertFalse(key.attributes.get("rotation_enabled").asBoolean());
        AssetDraft trail = list.assets.get(1);
        assertEquals("trail", trail.type);
        assertTrue(trail.attributes.get("is_multi_region").asBoolean());
        assertFalse(trail.attributes.has("logging"), "unknown when the item does not say");
        assertEquals(2, list.rejected.size());
        assertTrue(list.rejected.get(1).contains("resourceType"), list.rejected.toString());
        assertTrue(list.rejected.get(2).contains("expected an object"), list.rejected.toString());
    }

    @Test
    void relationshipNamesBecomePillarKinds() {
        assertEquals("member-of", AwsConfigParser.kindOf(
                "Is contained in Vpc", "AWS::EC2::VPC"));
        assertEquals("contains", AwsConfigParser.kindOf(
                "Contains NetworkInterface", "AWS::EC2::NetworkInterface"));
        assertEquals("member-of", AwsConfigParser.kindOf(
                "Is attached to Group", "AWS::IAM::Group"));
        assertEquals("attached-to", AwsConfigParser.kindOf(
                "Is associated with SecurityGroup", "AWS::EC2::SecurityGroup"));
    }
}
