package io.pillar.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TopicTest {

    @Test
    void everyTopicIsNamedOnceAndEveryDeadLetterTopicFollowsItsSource() {
        Set<String> names = new HashSet<>();
        for (Topic topic : Topic.values()) {
            assertTrue(names.add(topic.topicName()), "duplicate " + topic.topicName());
            assertTrue(topic.topicName().matches("pillar\\.[a-z.]+"), topic.topicName());
            assertTrue(topic.partitions() > 0 && topic.retention().map(r -> !r.isNegative()).orElse(true));
            assertTrue(topic.configs().containsKey("retention.ms"), topic + " has no retention");
        }
        for (String name : names) {
            if (name.endsWith(".dlq")) {
                assertTrue(names.contains(name.substring(0, name.length() - 4)), name + " has no source topic");
            }
        }
    }

    @Test
    void everyPayloadSchemaIsThereAndIsJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Topic topic : Topic.values()) {
            if (topic.schemaResource().isEmpty()) {
                assertTrue(topic.topicName().endsWith(".dlq"), topic + " has no schema");
                continue;
            }
            try (InputStream in = Topic.class.getClassLoader().getResourceAsStream(topic.schemaResource().get())) {
                assertNotNull(in, topic.schemaResource().get() + " is missing");
                JsonNode schema = json.readTree(in);
                assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
            }
        }
    }

    @Test
    void teamTopicsAreNamedFromSafeTeamNamesOnly() {
        assertEquals("pillar.team.payments.findings", Topic.teamFindings("payments"));
        assertThrows(IllegalArgumentException.class, () -> Topic.teamFindings("Payments"));
        assertThrows(IllegalArgumentException.class, () -> Topic.teamFindings("a.b"));
        assertThrows(IllegalArgumentException.class, () -> Topic.teamFindings(null));
    }
}
