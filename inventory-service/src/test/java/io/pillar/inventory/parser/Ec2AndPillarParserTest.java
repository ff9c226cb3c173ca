package io.pillar.inventory.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Ec2AndPillarParserTest {

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

    @Test
    void pillarAssetsAreValidatedItemByItem() throws Exception {
        Collected c = Collected.fixture("pillar/assets.json", null);
        assertEquals("pillar", c.format);
        assertEquals(2, c.assets.size());
        AssetDraft workload = c.byNaturalId("k8s://prod-eu/payments/deployment/ledger");
        assertEquals("payments", workload.declared.get("owner_team"));
        assertEquals("restricted", workload.declared.get("data_classification"));
        assertEquals(3, workload.attributes.get("replicas").asInt());
        AssetDraft image = c.assets.get(1);
        assertEquals("container_image", image.type);
        assertTrue(image.identifiers.stream().anyMatch(i -> i.startsWith("registry.example.com/")));
        assertEquals(3, c.rejected.size());
        assertTrue(c.rejected.get(2).contains("data_classification"), c.rejected.toString());
        assertTrue(c.rejected.get(3).contains("type is required"), c.rejected.toString());
        assertTrue(c.rejected.get(4).contains("relationships[0]"), c.rejected.toString());
    }

    @Test
    void malformedAndUnknownReportsSayWhereAndWhat() {
        MalformedInputException broken = assertThrows(MalformedInputException.class,
                () -> Collected.parse(stream("{\"assets\": [\n {\"type\": \"bucket\",,}]}"), "pillar"));
        assertEquals(2, broken.line());
        assertTrue(broken.getMessage().contains("not valid JSON"), broken.getMessage());
        UnsupportedFormatException unknown = assertThrows(UnsupportedFormatException.class,
                () -> Collected.parse(stream("{\"hello\": 1}"), null));
        assertEquals(java.util.List.of("aws-config", "ec2-describe", "pillar"), unknown.supported());
        assertThrows(UnsupportedFormatException.class, () -> Collected.parse(stream("{}"), "cloudquery"));
        assertThrows(MalformedInputException.class, () -> Collected.parse(stream("{\"Nothing\": []}"),
                "ec2-describe"));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
