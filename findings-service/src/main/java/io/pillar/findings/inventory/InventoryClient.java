package io.pillar.findings.inventory;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.contracts.inventory.v1.InventoryGrpc;
import io.pillar.contracts.inventory.v1.ResolveResourcesRequest;
import io.pillar.contracts.inventory.v1.ResourceRef;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.oidc.client.OidcClient;

/**
 * The inventory-service's {@code ResolveResources}, called with this service's own token (client credentials from
 * Keycloak, client role {@code assets.resolve}).
 */
@ApplicationScoped
public class InventoryClient {
    @GrpcClient("inventory")
    InventoryGrpc.InventoryBlockingStub inventory;
    @Inject
    OidcClient oidc;

    private volatile io.quarkus.oidc.client.Tokens tokens;

    /** One asset per reference, in order; identifiers unknown to the inventory are registered as unclassified. */
    public List<Asset> resolve(List<ResourceRef> refs) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token());
        return inventory.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .resolveResources(ResolveResourcesRequest.newBuilder().addAllResources(refs).build())
                .getAssetsList();
    }

    private String token() {
        io.quarkus.oidc.client.Tokens current = tokens;
        if (current == null || current.isAccessTokenWithinRefreshInterval() || current.isAccessTokenExpired()) {
            current = oidc.getTokens().await().atMost(java.time.Duration.ofSeconds(15));
            tokens = current;
        }
        return current.getAccessToken();
    }
}
