package io.pillar.inventory.grpc;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.pillar.contracts.Roles;
import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.contracts.inventory.v1.AssetVersion;
import io.pillar.contracts.inventory.v1.FindAccountRequest;
import io.pillar.contracts.inventory.v1.GetAssetRequest;
import io.pillar.contracts.inventory.v1.GetAssetVersionRequest;
import io.pillar.contracts.inventory.v1.InventoryGrpc;
import io.pillar.contracts.inventory.v1.ResolveResourcesRequest;
import io.pillar.contracts.inventory.v1.ResolveResourcesResponse;
import io.pillar.contracts.inventory.v1.SetQuarantineRequest;
import io.pillar.inventory.mapping.AssetMessages;
import io.pillar.inventory.service.AssetEdits;
import io.pillar.inventory.service.AssetQueries;
import io.pillar.inventory.service.AssetResolution;
import io.pillar.platform.security.Caller;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** The Inventory contract for the other services, who call with their own service token. */
@GrpcService
@Blocking
public class InventoryGrpcService extends InventoryGrpc.InventoryImplBase {
    /** Client role of the inventory-service client that a caller's service account must hold. */
    static final String RESOLVE = "assets.resolve";
    /** Client role allowing a service (the identity-service) to read assets, registering nothing. */
    static final String READ = "assets.read";
    /** Client role allowing a service (the response-service) to quarantine assets. */
    static final String QUARANTINE = "assets.quarantine";

    @Inject
    AssetResolution resolution;
    @Inject
    AssetEdits edits;
    @Inject
    SecurityIdentity caller;
    @Inject
    AssetQueries queries;

    @Override
    @RolesAllowed({READ, RESOLVE, Roles.ADMIN})
    public void getAssetVersion(GetAssetVersionRequest request, StreamObserver<AssetVersion> out) {
        UUID id = id(request.getId(), out);
        if (id == null) {
            return;
        }
        Instant at;
        try {
            at = request.getAt().isBlank() ? Instant.now() : Instant.parse(request.getAt());
        } catch (java.time.format.DateTimeParseException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("at: not an ISO-8601 instant").asRuntimeException());
            return;
        }
        queries.at(id, at).ifPresentOrElse(v -> {
            out.onNext(AssetVersion.newBuilder().setId(id.toString()).setVersion(v.path("version").asInt())
                    .setValidFrom(v.path("valid_from").asText("")).setChangedBy(v.path("changed_by").asText(""))
                    .setDocumentJson(v.toString()).build());
            out.onCompleted();
        }, () -> out.onError(Status.NOT_FOUND.withDescription("no asset " + id + " at " + at).asRuntimeException()));
    }

    @Override
    @RolesAllowed({RESOLVE, Roles.ADMIN})
    public void resolveResources(ResolveResourcesRequest request, StreamObserver<ResolveResourcesResponse> out) {
        try {
            var refs = request.getResourcesList().stream()
                    .map(r -> new AssetResolution.Reference(r.getIdentifier(), r.getType(), r.getProvider()))
                    .toList();
            var assets = resolution.resolve(refs, caller.getPrincipal().getName()).stream()
                    .map(AssetMessages::toMessage).toList();
            out.onNext(ResolveResourcesResponse.newBuilder().addAllAssets(assets).build());
            out.onCompleted();
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    @RolesAllowed({READ, RESOLVE, Roles.ADMIN})
    public void getAsset(GetAssetRequest request, StreamObserver<Asset> out) {
        UUID id = id(request.getId(), out);
        if (id == null) {
            return;
        }
        resolution.get(id).map(AssetMessages::toMessage).ifPresentOrElse(asset -> {
            out.onNext(asset);
            out.onCompleted();
        }, () -> out.onError(Status.NOT_FOUND.withDescription("no asset " + id).asRuntimeException()));
    }

    @Override
    @RolesAllowed({READ, RESOLVE, Roles.ADMIN})
    public void findAccount(FindAccountRequest request, StreamObserver<Asset> out) {
        if (request.getAccount().isBlank()) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("account is required").asRuntimeException());
            return;
        }
        resolution.account(request.getAccount()).map(AssetMessages::toMessage).ifPresentOrElse(asset -> {
            out.onNext(asset);
            out.onCompleted();
        }, () -> out.onError(Status.NOT_FOUND.withDescription("no account asset " + request.getAccount())
                .asRuntimeException()));
    }

    /** Recorded as a configuration change of the asset (who, why, which incident) and as an audit event. */
    @Override
    @RolesAllowed({QUARANTINE, Roles.RESPONDER, Roles.ADMIN})
    public void setQuarantine(SetQuarantineRequest request, StreamObserver<Asset> out) {
        UUID id = id(request.getAssetId(), out);
        if (id == null) {
            return;
        }
        String actor = request.getActor().isBlank()
                ? caller.getPrincipal().getName()
                : request.getActor() + " via " + caller.getPrincipal().getName();
        try {
            edits.quarantine(id, request.getQuarantined(), actor, Caller.clientOf(caller), request.getReason(),
                    request.getIncidentId())
                    .map(AssetMessages::toMessage).ifPresentOrElse(asset -> {
                        out.onNext(asset);
                        out.onCompleted();
                    }, () -> out.onError(Status.NOT_FOUND.withDescription("no asset " + id).asRuntimeException()));
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    private static UUID id(String text, StreamObserver<?> out) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("asset id: not a UUID: " + text).asRuntimeException());
            return null;
        }
    }
}
