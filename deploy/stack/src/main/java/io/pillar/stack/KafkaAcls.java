package io.pillar.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.pillar.contracts.Topic;

/**
 * Who may do what on the broker, by realm client id: each service reads what it consumes and writes what it
 * produces, integrations write raw findings and inventory changes and read the event topics, and a team's client
 * ({@code pillar-team-<team>}) reads only its team's findings topic. Anything not granted here is refused.
 */
final class KafkaAcls {
    static final String INTEGRATION = "pillar-integration";

    /** The client a team's consumers log in with. */
    static String teamClient(String team) {
        Topic.teamFindings(team); // the same rule as the topic's name
        return "pillar-team-" + team;
    }

    /** The prefix of the consumer groups a team's client may use ({@code pillar-team-<team>.<anything>}). */
    static String teamGroupPrefix(String team) {
        return teamClient(team) + ".";
    }

    static List<AclBinding> bindings(Collection<String> teams) {
        List<AclBinding> all = new ArrayList<>();
        consumes(all, "inventory-service", Topic.INVENTORY_CHANGES, "inventory-service");
        produces(all, "inventory-service", Topic.INVENTORY_CHANGES_DLQ, Topic.INVENTORY_EVENTS, Topic.FINDINGS_RAW,
                Topic.AUDIT);

        consumes(all, "findings-service", Topic.FINDINGS_RAW, "findings-service");
        produces(all, "findings-service", Topic.FINDINGS_RAW_DLQ, Topic.FINDINGS_EVENTS, Topic.AUDIT,
                Topic.POSTURE_EVENTS);
        // team topics are created when a team first subscribes, and filled by the subscription matcher
        String teamTopics = Topic.TEAM_FINDINGS_PATTERN.substring(0, Topic.TEAM_FINDINGS_PATTERN.indexOf("%s"));
        all.add(allow("findings-service", ResourceType.TOPIC, teamTopics, PatternType.PREFIXED, AclOperation.CREATE));
        all.add(allow("findings-service", ResourceType.TOPIC, teamTopics, PatternType.PREFIXED, AclOperation.WRITE));

        consumes(all, "identity-service", Topic.AUDIT, "identity-service");
        produces(all, "identity-service", Topic.AUDIT_DLQ, Topic.FINDINGS_RAW, Topic.AUDIT_CHECKPOINTS,
                Topic.RESPONSE_COMMANDS);
        // the checkpoints are read whole, by assignment (no consumer group), to verify the ledger
        all.add(allow("identity-service", ResourceType.TOPIC, Topic.AUDIT_CHECKPOINTS.topicName(), PatternType.LITERAL,
                AclOperation.READ));

        consumes(all, "response-service", Topic.FINDINGS_EVENTS, "response-service");
        consumes(all, "response-service", Topic.RESPONSE_RESULTS, "response-service-results");
        produces(all, "response-service", Topic.AUDIT, Topic.RESPONSE_COMMANDS, Topic.RESPONSE_EVENTS,
                Topic.RESPONSE_RESULTS_DLQ, Topic.FINDINGS_EVENTS_DLQ);

        produces(all, "pillar-gateway", Topic.AUDIT);

        // integrations feed reports and changes in, and act as external executors of playbook commands
        produces(all, INTEGRATION, Topic.FINDINGS_RAW, Topic.INVENTORY_CHANGES, Topic.RESPONSE_RESULTS);
        for (Topic read : List.of(Topic.FINDINGS_EVENTS, Topic.INVENTORY_EVENTS, Topic.RESPONSE_EVENTS,
                Topic.POSTURE_EVENTS,
                Topic.FINDINGS_RAW_DLQ, Topic.INVENTORY_CHANGES_DLQ, Topic.RESPONSE_COMMANDS,
                Topic.RESPONSE_RESULTS_DLQ)) {
            all.add(allow(INTEGRATION, ResourceType.TOPIC, read.topicName(), PatternType.LITERAL, AclOperation.READ));
        }
        all.add(allow(INTEGRATION, ResourceType.GROUP, INTEGRATION + ".", PatternType.PREFIXED, AclOperation.READ));

        for (String team : teams) {
            all.add(allow(teamClient(team), ResourceType.TOPIC, Topic.teamFindings(team), PatternType.LITERAL,
                    AclOperation.READ));
            all.add(allow(teamClient(team), ResourceType.GROUP, teamGroupPrefix(team), PatternType.PREFIXED,
                    AclOperation.READ));
        }
        return all;
    }

    /** Creates the bindings (creating one that exists changes nothing). */
    static void grant(Admin admin, Collection<String> teams) {
        try {
            admin.createAcls(bindings(teams)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not set the Kafka ACLs: " + e.getMessage(), e);
        }
    }

    private static void consumes(List<AclBinding> all, String client, Topic topic, String group) {
        all.add(allow(client, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, AclOperation.READ));
        all.add(allow(client, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ));
    }

    private static void produces(List<AclBinding> all, String client, Topic... topics) {
        for (Topic topic : topics) {
            all.add(allow(client, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, AclOperation.WRITE));
        }
    }

    private static AclBinding allow(String client, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + client, "*", operation, AclPermissionType.ALLOW));
    }

    private KafkaAcls() {
    }
}
