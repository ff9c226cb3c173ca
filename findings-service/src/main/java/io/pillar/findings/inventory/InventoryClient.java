package io.pillar.findings.inventory;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.contracts.inventory.v1.InventoryGrpc;
import io.pillar.contracts.inventory.v1.ResolveResourcesRequest;
import io.pillar.contracts.inventory.v1.ResourceRef;
import io.pillar.platform.calls.ServiceToken;
import io.quarkus.grpc.GrpcClient;

/**
 * The inventory-service's {@code ResolveResources}, called with this service's own token (client credentials from
 * Keycloak, client role {@code assets.resolve}).
 */
@ApplicationScoped
public class InventoryClient {
    @GrpcClient("inventory")
    InventoryGrpc.InventoryBlockingStub inventory;
    @Inject
    ServiceToken token;

    /** One asset per reference, in order; identifiers unknown to the inventory are registered as unclassified. */
    public List<Asset> resolve(List<ResourceRef> refs) {
        return token.authorize(inventory, Duration.ofSeconds(30))
                .resolveResources(ResolveResourcesRequest.newBuilder().addAllResources(refs).build())
                .getAssetsList();
    }
}
