package io.pillar.identity.grpc;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.pillar.contracts.Roles;
import io.pillar.contracts.identity.v1.DisableCredentialRequest;
import io.pillar.contracts.identity.v1.DisableCredentialResponse;
import io.pillar.contracts.identity.v1.GetPrincipalRequest;
import io.pillar.contracts.identity.v1.IdentityGrpc;
import io.pillar.contracts.identity.v1.ListAuditEntriesRequest;
import io.pillar.contracts.identity.v1.ListAuditEntriesResponse;
import io.pillar.contracts.identity.v1.Principal;
import io.pillar.identity.CredentialAction;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.service.AuditLedger;
import io.pillar.identity.service.AuditQueries;
import io.pillar.identity.service.CredentialActions;
import io.pillar.platform.json.Json;
import io.pillar.platform.problem.ProblemException;
import io.pillar.platform.security.Caller;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * The Identity contract for the other services (the response-service), who call with their own service token holding
 * this service's client role {@code credentials.disable}. A service acts for one team and names it; a principal of
 * another team is not found. Admins may call for any team.
 */
@GrpcService
@Blocking
public class IdentityGrpcService extends IdentityGrpc.IdentityImplBase {
    static final String DISABLE = "credentials.disable";
    /** Client role allowing a service (the response-service, capturing evidence) to read the ledger. */
    static final String AUDIT_READ = "audit.read";

    @Inject
    CredentialActions actions;
    @Inject
    AuditQueries audit;
    @Inject
    AuditLedger ledger;
    @Inject
    SecurityIdentity caller;

    @Override
    @RolesAllowed({DISABLE, Roles.ADMIN})
    public void getPrincipal(GetPrincipalRequest request, StreamObserver<Principal> out) {
        try {
            UUID id = id("id", request.getId());
            io.pillar.identity.Principal p = actions.principal(id, team(request.getTeam()))
                    .orElseThrow(() -> notFound(id));
            out.onNext(message(p, actions.failingChecks(p)));
            out.onCompleted();
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    @Override
    @RolesAllowed({AUDIT_READ, Roles.ADMIN})
    public void listAuditEntries(ListAuditEntriesRequest request, StreamObserver<ListAuditEntriesResponse> out) {
        String resource = request.getResource();
        if (resource.isBlank() || resource.length() > 2048 || resource.equals("*")) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("resource is required: one resource, or a prefix "
                    + "ending with *").asRuntimeException());
            return;
        }
        int limit = request.getLimit() == 0 ? 100 : request.getLimit();
        if (limit < 1 || limit > 500) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("limit: 1 to 500").asRuntimeException());
            return;
        }
        ListAuditEntriesResponse.Builder answer = ListAuditEntriesResponse.newBuilder();
        for (io.pillar.identity.AuditEntry e : audit.about(resource, limit)) {
            answer.addEntries(io.pillar.contracts.identity.v1.AuditEntry.newBuilder().setSeq(e.seq)
                    .setOccurredAt(e.occurredAt.toString()).setActor(e.actor).setAction(e.action)
                    .setResource(e.resource).setOutcome(e.outcome).setDetailsJson(e.details).setHash(e.hash));
        }
        // a read of the ledger is chained like every other
        // (as a read of the ledger, not an entry about the resource: evidence of it shows what was done to it)
        ObjectNode data = Json.MAPPER.createObjectNode().put("about", resource).put("limit", limit)
                .put("returned", answer.getEntriesCount()).put("on_behalf_of", blankToNull(request.getActor()));
        ledger.append(AuditRecord.own(UUID.randomUUID().toString(), Instant.now(), caller.getPrincipal().getName(),
                Caller.clientOf(caller), "grpc ListAuditEntries", "audit", "success", null, data));
        out.onNext(answer.build());
        out.onCompleted();
    }

    @Override
    @RolesAllowed({DISABLE, Roles.ADMIN})
    public void disableCredential(DisableCredentialRequest request, StreamObserver<DisableCredentialResponse> out) {
        try {
            UUID id = id("principal_id", request.getPrincipalId());
            String team = team(request.getTeam());
            if (request.getReason().isBlank()) {
                throw Status.INVALID_ARGUMENT.withDescription("reason is required: say why the credential is "
                        + "disabled").asRuntimeException();
            }
            CredentialAction a = actions.disable(new CredentialActions.Request(id,
                    blankToNull(request.getCredentialId()), blankToNull(request.getActor()), request.getReason(),
                    blankToNull(request.getIncidentId()), team, blankToNull(request.getRunId()),
                    blankToNull(request.getStepId())), Caller.of(caller)).orElseThrow(() -> notFound(id));
            out.onNext(DisableCredentialResponse.newBuilder().setPrincipalId(id.toString())
                    .setCredentialId(a.credentialId).setDisabled("disabled".equals(a.status))
                    .setStatus(a.status).setActionId(a.id.toString()).build());
            out.onCompleted();
        } catch (StatusRuntimeException e) {
            out.onError(e);
        } catch (IllegalArgumentException e) {
            out.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        } catch (ProblemException e) {
            out.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    /** The team the call is for: required of a service, optional for an admin (null: any team). */
    private String team(String team) {
        if (!team.isBlank()) {
            return team;
        }
        if (caller.hasRole(Roles.ADMIN)) {
            return null;
        }
        throw Status.INVALID_ARGUMENT.withDescription("team is required: the team the call is made for")
                .asRuntimeException();
    }

    private static Principal message(io.pillar.identity.Principal p, java.util.List<String> failing) {
        return Principal.newBuilder().setId(p.id.toString()).setAccount(p.account).setType(p.type).setName(p.name)
                .setExternalId(p.externalId).setSource(p.source).setTeam(p.team == null ? "" : p.team)
                .setMfaEnabled(Boolean.TRUE.equals(p.mfaEnabled))
                .setLastUsedAt(p.lastUsedAt == null ? "" : p.lastUsedAt.toString()).setRemoved(p.removedAt != null)
                .addAllFailingChecks(failing).build();
    }

    private static StatusRuntimeException notFound(UUID id) {
        return Status.NOT_FOUND.withDescription("no principal " + id).asRuntimeException();
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }

    private static UUID id(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription(field + ": not a UUID: " + text).asRuntimeException();
        }
    }
}
