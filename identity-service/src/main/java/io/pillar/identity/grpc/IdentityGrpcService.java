package io.pillar.identity.grpc;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.pillar.contracts.Roles;
import io.pillar.contracts.identity.v1.DisableCredentialRequest;
import io.pillar.contracts.identity.v1.DisableCredentialResponse;
import io.pillar.contracts.identity.v1.GetPrincipalRequest;
import io.pillar.contracts.identity.v1.IdentityGrpc;
import io.pillar.contracts.identity.v1.Principal;
import io.pillar.identity.CredentialAction;
import io.pillar.identity.service.CredentialActions;
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

    @Inject
    CredentialActions actions;
    @Inject
    SecurityIdentity caller;

    @Override
    @RolesAllowed({DISABLE, Roles.ADMIN})
    public void getPrincipal(GetPrincipalRequest request, StreamObserver<Principal> out) {
        UUID id = id("id", request.getId(), out);
        Optional<String> team = team(request.getTeam(), out);
        if (id == null || team == null) {
            return;
        }
        actions.principal(id, team.orElse(null)).ifPresentOrElse(p -> {
            out.onNext(message(p, actions.failingChecks(p)));
            out.onCompleted();
        }, () -> out.onError(notFound(id)));
    }

    @Override
    @RolesAllowed({DISABLE, Roles.ADMIN})
    public void disableCredential(DisableCredentialRequest request, StreamObserver<DisableCredentialResponse> out) {
        UUID id = id("principal_id", request.getPrincipalId(), out);
        Optional<String> team = team(request.getTeam(), out);
        if (id == null || team == null) {
            return;
        }
        if (request.getReason().isBlank()) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("reason is required: say why the credential is "
                    + "disabled").asRuntimeException());
            return;
        }
        try {
            Optional<CredentialAction> done = actions.disable(new CredentialActions.Request(id,
                    blankToNull(request.getCredentialId()), blankToNull(request.getActor()), request.getReason(),
                    blankToNull(request.getIncidentId()), team.orElse(null), blankToNull(request.getRunId()),
                    blankToNull(request.getStepId())), Caller.of(caller));
            done.ifPresentOrElse(a -> {
                out.onNext(DisableCredentialResponse.newBuilder().setPrincipalId(id.toString())
                        .setCredentialId(a.credentialId).setDisabled("disabled".equals(a.status))
                        .setStatus(a.status).setActionId(a.id.toString()).build());
                out.onCompleted();
            }, () -> out.onError(notFound(id)));
        } catch (IllegalArgumentException e) {
            out.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        } catch (ProblemException e) {
            out.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    /** The team the call is for: required of a service, optional for an admin (empty: any team); null on error. */
    private Optional<String> team(String team, StreamObserver<?> out) {
        if (!team.isBlank()) {
            return Optional.of(team);
        }
        if (caller.hasRole(Roles.ADMIN)) {
            return Optional.empty();
        }
        out.onError(Status.INVALID_ARGUMENT.withDescription("team is required: the team the call is made for")
                .asRuntimeException());
        return null;
    }

    private static Principal message(io.pillar.identity.Principal p, java.util.List<String> failing) {
        return Principal.newBuilder().setId(p.id.toString()).setAccount(p.account).setType(p.type).setName(p.name)
                .setExternalId(p.externalId).setSource(p.source).setTeam(p.team == null ? "" : p.team)
                .setMfaEnabled(Boolean.TRUE.equals(p.mfaEnabled))
                .setLastUsedAt(p.lastUsedAt == null ? "" : p.lastUsedAt.toString()).setRemoved(p.removedAt != null)
                .addAllFailingChecks(failing).build();
    }

    private static io.grpc.StatusRuntimeException notFound(UUID id) {
        return Status.NOT_FOUND.withDescription("no principal " + id).asRuntimeException();
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }

    private static UUID id(String field, String text, StreamObserver<?> out) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(field + ": not a UUID: " + text)
                    .asRuntimeException());
            return null;
        }
    }
}
