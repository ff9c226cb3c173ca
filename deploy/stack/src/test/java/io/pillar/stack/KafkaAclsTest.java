package io.pillar.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;

class KafkaAclsTest {
    private final List<AclBinding> bindings = KafkaAcls.bindings(List.of("platform", "payments"));

    @Test
    void onlyNamedOperationsAreAllowedAndNothingIsDeniedOrWildcarded() {
        for (AclBinding b : bindings) {
            assertEquals(AclPermissionType.ALLOW, b.entry().permissionType(), b.toString());
            assertFalse(b.entry().operation() == AclOperation.ALL, b.toString());
            assertFalse(b.pattern().name().equals("*"), b.toString());
            assertFalse(b.entry().principal().equals("User:*"), b.toString());
        }
    }

    @Test
    void aTeamsClientReadsItsOwnTopicAndUsesItsOwnGroupsOnly() {
        Set<String> platform = of("User:pillar-team-platform");
        assertEquals(Set.of("TOPIC LITERAL pillar.team.platform.findings READ",
                "GROUP PREFIXED pillar-team-platform. READ"), platform);
    }

    @Test
    void onlyTheServicesAndIntegrationsWriteRawFindingsAndOnlyServicesWriteAudit() {
        assertEquals(Set.of("User:inventory-service", "User:identity-service", "User:pillar-integration"),
                writers(Topic.FINDINGS_RAW.topicName()));
        assertEquals(Set.of("User:inventory-service", "User:findings-service", "User:response-service",
                "User:pillar-gateway"), writers(Topic.AUDIT.topicName()));
        assertEquals(Set.of("User:identity-service", "User:response-service"),
                writers(Topic.RESPONSE_COMMANDS.topicName()),
                "commands for executors come from playbook runs and the identity-service's credential actions");
        assertEquals(Set.of("User:pillar-integration"), writers(Topic.RESPONSE_RESULTS.topicName()),
                "executors (integrations) answer; nobody else writes results");
        assertEquals(Set.of("User:identity-service"), bindings.stream()
                .filter(b -> b.pattern().name().equals(Topic.AUDIT.topicName())
                        && b.entry().operation() == AclOperation.READ)
                .map(b -> b.entry().principal()).collect(Collectors.toSet()));
    }

    @Test
    void theResponseServiceReadsFindingEventsAndResultsWithGroupsOfItsOwn() {
        Set<String> response = of("User:response-service");
        assertTrue(response.containsAll(Set.of("TOPIC LITERAL pillar.findings.events READ",
                "GROUP LITERAL response-service READ", "TOPIC LITERAL pillar.response.results READ",
                "GROUP LITERAL response-service-results READ")), response.toString());
        assertFalse(response.contains("TOPIC LITERAL pillar.findings.raw WRITE"), "it imports no findings");
    }

    @Test
    void aGroupNameThatIsNoTeamGetsNoClient() {
        assertThrows(IllegalArgumentException.class, () -> KafkaAcls.teamClient("Platform Team"));
        assertTrue(KafkaAcls.teamGroupPrefix("plat").endsWith("."), "plat's groups never cover platform's");
    }

    private Set<String> of(String principal) {
        return bindings.stream().filter(b -> b.entry().principal().equals(principal))
                .map(b -> b.pattern().resourceType() + " " + b.pattern().patternType() + " " + b.pattern().name()
                        + " " + b.entry().operation())
                .collect(Collectors.toSet());
    }

    private Set<String> writers(String topic) {
        return bindings.stream().filter(b -> b.pattern().resourceType() == ResourceType.TOPIC
                && b.pattern().patternType() == PatternType.LITERAL && b.pattern().name().equals(topic)
                && b.entry().operation() == AclOperation.WRITE).map(b -> b.entry().principal())
                .collect(Collectors.toSet());
    }
}
