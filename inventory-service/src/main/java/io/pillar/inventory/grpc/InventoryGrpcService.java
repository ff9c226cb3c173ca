package io.pillar.inventory.grpc;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.pillar.contracts.Roles;
import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.contracts.inventory.v1.GetAssetRequest;
import io.pillar.contracts.inventory.v1.InventoryGrpc;
import io.pillar.contracts.inventory.v1.ResolveResourcesRequest;
import io.pillar.contracts.inventory.v1.ResolveResourcesResponse;
import io.pillar.inventory.mapping.AssetMessages;
import io.pillar.inventory.service.AssetResolution;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;

/**
 * The Inventory contract for the other services, who call with their own service token. SetQuarantine is not served
 * yet: callers get UNIMPLEMENTED until configuration history exists to record it in.
 */
@GrpcService
@Blocking
public class InventoryGrpcService extends InventoryGrpc.InventoryImplBase {
    /** Client role of the inventory-service client that a caller's service account must hold. */
    static final String RESOLVE = "assets.resolve";

    @Inject
    AssetResolution resolution;

    @Override
    @RolesAllowed({RESOLVE, Roles.ADMIN})
    public void resolveResources(ResolveResourcesRequest request, StreamObserver<ResolveResourcesResponse> out) {
        try {
            var refs = request.getResourcesList().stream()
                    .map(r -> new AssetResolution.Reference(r.getIdentifier(), r.getType(), r.getProvider()))
                    .toList();
            var assets = resolution.resolve(refs).stream().map(AssetMessages::toMessage).toList();
            out.onNext(ResolveResourcesResponse.newBuilder().addAllAssets(assets).build());
            out.onCompleted();
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    @RolesAllowed({RESOLVE, Roles.ADMIN})
    public void getAsset(GetAssetRequest request, StreamObserver<Asset> out) {
        UUID id;
        try {
            id = UUID.fromString(request.getId());
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("id: not a UUID: " + request.getId())
                    .asRuntimeException());
            return;
        }
        resolution.get(id).map(AssetMessages::toMessage).ifPresentOrElse(asset -> {
            out.onNext(asset);
            out.onCompleted();
        }, () -> out.onError(Status.NOT_FOUND.withDescription("no asset " + id).asRuntimeException()));
    }
}
