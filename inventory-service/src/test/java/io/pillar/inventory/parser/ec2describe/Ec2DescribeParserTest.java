package io.pillar.inventory.parser.ec2describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.Collected;

class Ec2DescribeParserTest {

    @Test
    void describeOutputsBecomeTheSameAttributesAsConfigItems() throws Exception {
        Collected c = Collected.fixture("ec2-describe/network.json", null);
        assertEquals("ec2-describe", c.format);
        assertEquals(3, c.assets.size());
        AssetDraft sg = c.byNaturalId("sg-0d00000000000d001");
        assertEquals("security_group", sg.type);
        assertEquals("111122223333", sg.account);
        assertEquals("data", sg.tags.get("owner"));
        assertEquals(5432, sg.attributes.get("ingress").get(0).get("from_port").asInt());
        assertEquals("0.0.0.0/0", sg.attributes.get("ingress").get(0).get("sources").get(0).asText());
        assertEquals("sg-0a1b2c3d4e5f60001", sg.attributes.get("ingress").get(1).get("sources").get(0).asText());
        assertTrue(sg.attributes.get("open_to_internet").asBoolean());

        AssetDraft vpc = c.byNaturalId("vpc-0d0000000000default");
        assertTrue(vpc.attributes.get("is_default").asBoolean());

        AssetDraft subnet = c.byNaturalId("arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0b00000000000001");
        assertEquals("eu-west-1", subnet.region);
        assertTrue(subnet.attributes.get("map_public_ip_on_launch").asBoolean());
        assertTrue(subnet.identifiers.contains("subnet-0b00000000000001"));
    }
}
