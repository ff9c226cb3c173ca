package io.pillar.findings.grpc;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.pillar.contracts.Roles;
import io.pillar.contracts.findings.v1.Finding;
import io.pillar.contracts.findings.v1.FindingsGrpc;
import io.pillar.contracts.findings.v1.GetFindingRequest;
import io.pillar.contracts.findings.v1.UpdateStatusRequest;
import io.pillar.findings.mapping.FindingDetail;
import io.pillar.findings.mapping.FindingView;
import io.pillar.findings.service.FindingWorkflow;
import io.pillar.findings.service.WorkflowConflict;
import io.pillar.platform.security.Caller;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * The Findings contract for the other services (the response-service), who call with their own service token holding
 * this service's client role {@code findings.update}. A status change names the principal the service acts for; the
 * history records "principal via service".
 */
@GrpcService
@Blocking
public class FindingsGrpcService extends FindingsGrpc.FindingsImplBase {
    static final String UPDATE = "findings.update";

    @Inject
    FindingWorkflow workflow;
    @Inject
    SecurityIdentity caller;

    @Override
    @RolesAllowed({UPDATE, Roles.ADMIN})
    public void getFinding(GetFindingRequest request, StreamObserver<Finding> out) {
        UUID id = id(request.getId(), out);
        if (id != null) {
            reply(workflow.getFor(id), id, out);
        }
    }

    @Override
    @RolesAllowed({UPDATE, Roles.ADMIN})
    public void updateStatus(UpdateStatusRequest request, StreamObserver<Finding> out) {
        UUID id = id(request.getId(), out);
        if (id == null) {
            return;
        }
        if (request.getActingPrincipal().isBlank()) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("acting_principal is required: who the change is for")
                    .asRuntimeException());
            return;
        }
        try {
            Instant expires = request.getExpiresAt().isBlank() ? null : Instant.parse(request.getExpiresAt());
            String actor = request.getActingPrincipal() + " via " + caller.getPrincipal().getName();
            reply(workflow.setStatusFor(id, request.getStatus(), request.getReason(), expires, actor,
                    Caller.clientOf(caller)), id, out);
        } catch (DateTimeParseException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("expires_at: not an ISO-8601 instant")
                    .asRuntimeException());
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (WorkflowConflict e) {
            out.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        } catch (ForbiddenException e) {
            out.onError(Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    private static void reply(java.util.Optional<FindingDetail> detail, UUID id, StreamObserver<Finding> out) {
        detail.map(d -> message(d.finding())).ifPresentOrElse(f -> {
            out.onNext(f);
            out.onCompleted();
        }, () -> out.onError(Status.NOT_FOUND.withDescription("no finding " + id).asRuntimeException()));
    }

    private static Finding message(FindingView v) {
        Finding.Builder b = Finding.newBuilder().setId(v.id().toString()).setTitle(v.title())
                .setSeverityId(v.severityId()).setStatus(v.status()).setProduct(v.product())
                .setRule(v.rule() == null ? "" : v.rule()).setTeam(v.team() == null ? "" : v.team())
                .setStatusReason(v.statusReason() == null ? "" : v.statusReason())
                .setCorrelationKey(v.correlationKey() == null ? "" : v.correlationKey());
        if (v.riskScore() != null) {
            b.setRiskScore(v.riskScore());
        }
        if (v.assetIds() != null) {
            v.assetIds().forEach(id -> b.addAssetIds(id.toString()));
        }
        v.resources().forEach(r -> {
            if (r.hasNonNull("uid")) {
                b.addResourceUids(r.get("uid").asText());
            }
        });
        return b.build();
    }

    private static UUID id(String text, StreamObserver<?> out) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("id: not a UUID: " + text).asRuntimeException());
            return null;
        }
    }
}
