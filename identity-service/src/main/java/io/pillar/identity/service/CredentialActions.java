package io.pillar.identity.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Topic;
import io.pillar.identity.CredentialAction;
import io.pillar.identity.Principal;
import io.pillar.identity.keycloak.KeycloakAdmin;
import io.pillar.identity.keycloak.KeycloakRealm;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.mapping.IdentityEvents;
import io.pillar.identity.repository.CredentialActionRepository;
import io.pillar.identity.repository.PrincipalRepository;
import io.pillar.identity.repository.ViolationRepository;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.pillar.platform.security.Caller;

/**
 * Disabling a credential when a response asks: a Keycloak user is disabled through the admin API at once; for a
 * cloud credential the intent is kept and a command for an executor goes to {@code pillar.response.commands} (by
 * the outbox, in the same transaction). Each action is kept with the principal and chained into the audit ledger.
 */
@ApplicationScoped
public class CredentialActions {
    @Inject
    PrincipalRepository principals;
    @Inject
    ViolationRepository violations;
    @Inject
    CredentialActionRepository actions;
    @Inject
    KeycloakAdmin keycloak;
    @Inject
    Outbox outbox;
    @Inject
    AuditLedger ledger;

    public record Request(UUID principalId, String credentialId, String actor, String reason, String incidentId,
            String team, String runId, String stepId) {
    }

    /** A principal of the team (any team when null), not removed. */
    @Transactional
    public Optional<Principal> principal(UUID id, String team) {
        return Optional.ofNullable(principals.findById(id))
                .filter(p -> team == null || team.equals(p.team));
    }

    @Transactional
    public List<String> failingChecks(Principal p) {
        return violations.findOpenByResource(p.account, p.externalId).stream().map(v -> v.checkId)
                .distinct().toList();
    }

    /** @return the action, or empty when the principal is not the team's */
    @Transactional
    public Optional<CredentialAction> disable(Request r, Caller caller) {
        Principal p = principals.findById(r.principalId());
        if (p == null || (r.team() != null && !r.team().equals(p.team))) {
            return Optional.empty();
        }
        if (p.removedAt != null) {
            throw new IllegalArgumentException("principal " + p.id + " (" + p.name + ") is no longer in its account");
        }
        String actor = r.actor() == null ? caller.name() : r.actor() + " via " + caller.name();
        String credential = r.credentialId() == null ? "user" : r.credentialId();
        CredentialAction a = new CredentialAction();
        a.id = UUID.randomUUID();
        a.principalId = p.id;
        a.credentialId = credential;
        a.action = "disable";
        a.actor = actor;
        a.reason = r.reason();
        a.incidentId = r.incidentId();
        a.createdAt = Instant.now();
        if ("keycloak".equals(p.source)) {
            String realm = p.account.substring(KeycloakRealm.accountOf("").length());
            if (!keycloak.disableUser(realm, p.name)) {
                throw new IllegalArgumentException("realm " + realm + " has no user " + p.name + " any more");
            }
            a.status = "disabled";
            a.detail = "user " + p.name + " disabled in Keycloak realm " + realm;
        } else {
            a.status = "requested";
            a.detail = "command emitted on " + Topic.RESPONSE_COMMANDS.topicName();
            outbox.add(List.of(command(p, a, r)));
        }
        actions.persist(a);
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.putObject("after").put("credential", credential).put("status", a.status)
                .put("incident", r.incidentId()).put("reason", r.reason());
        ledger.append(AuditRecord.own(a.id.toString(), a.createdAt, actor, caller.client(), "credential.disable",
                "principal/" + p.id, "success", null, data));
        return Optional.of(a);
    }

    private static OutboxEvent command(Principal p, CredentialAction a, Request r) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("run_id", r.runId() != null ? r.runId() : "identity-" + a.id);
        data.put("step_id", r.stepId() != null ? r.stepId() : "disable-credential");
        ObjectNode command = data.putObject("command");
        command.put("action", "disable-credential").put("action_id", a.id.toString()).put("provider", p.source)
                .put("account", p.account).put("principal", p.externalId).put("principal_type", p.type)
                .put("credential_id", a.credentialId).put("reason", r.reason()).put("incident_id", r.incidentId());
        String payload = CloudEvent.write(IdentityEvents.SOURCE, "io.pillar.response.command", p.externalId,
                a.createdAt, data);
        return new OutboxEvent(Topic.RESPONSE_COMMANDS.topicName(), p.id.toString(), "io.pillar.response.command",
                payload, p.team == null ? Map.of() : Map.of("pillar-team", p.team));
    }
}
