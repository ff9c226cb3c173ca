package io.pillar.inventory.grpc;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.pillar.contracts.PostureScope;
import io.pillar.contracts.Roles;
import io.pillar.contracts.evidence.v1.EvidenceGrpc;
import io.pillar.contracts.evidence.v1.ListSourcesRequest;
import io.pillar.contracts.evidence.v1.ListSourcesResponse;
import io.pillar.contracts.evidence.v1.Observation;
import io.pillar.contracts.evidence.v1.ObserveRequest;
import io.pillar.contracts.evidence.v1.ObserveResponse;
import io.pillar.contracts.evidence.v1.Source;
import io.pillar.inventory.service.InventoryEvidence;
import io.pillar.platform.posture.ScopeSql;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;

/** The inventory's posture evidence, for the findings-service (client role evidence.read). */
@GrpcService
@Blocking
public class InventoryEvidenceGrpc extends EvidenceGrpc.EvidenceImplBase {
    static final String EVIDENCE_READ = "evidence.read";
    static final int MAX_ASSET_IDS = 50_000;

    @Inject
    InventoryEvidence evidence;

    @Override
    @RolesAllowed({EVIDENCE_READ, Roles.ADMIN})
    public void listSources(ListSourcesRequest request, StreamObserver<ListSourcesResponse> out) {
        ListSourcesResponse.Builder response = ListSourcesResponse.newBuilder();
        for (InventoryEvidence.Source s : evidence.sources()) {
            response.addSources(Source.newBuilder().setId(s.id()).setTitle(s.title())
                    .addAllBestPractices(s.bestPractices()).setKind(s.kind()).setCatalog(InventoryEvidence.CATALOG));
        }
        out.onNext(response.build());
        out.onCompleted();
    }

    @Override
    @RolesAllowed({EVIDENCE_READ, Roles.ADMIN})
    public void observe(ObserveRequest request, StreamObserver<ObserveResponse> out) {
        PostureScope scope;
        try {
            scope = new PostureScope(request.getScope().getKind(), request.getScope().getValue());
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        ScopeSql sql = InventoryEvidence.scope(scope, request.getTeamsList(), request.getEveryTeam());
        ObserveResponse.Builder response = ObserveResponse.newBuilder();
        for (InventoryEvidence.Observation o : evidence.observe(sql)) {
            response.addObservations(Observation.newBuilder().setSourceId(o.sourceId()).setEvaluated(o.evaluated())
                    .setFailing(o.failing()).setRisk(o.risk())
                    .setObservedAt(o.observedAt() == null ? "" : o.observedAt().toString()).setDetail(o.detail()));
        }
        if (scope.kind().equals(PostureScope.TAG) || scope.kind().equals(PostureScope.ACCOUNT)) {
            List<UUID> ids = evidence.assetIds(sql, MAX_ASSET_IDS + 1);
            ids.stream().limit(MAX_ASSET_IDS).forEach(id -> response.addAssetIds(id.toString()));
            response.setAssetIdsTruncated(ids.size() > MAX_ASSET_IDS);
        }
        out.onNext(response.build());
        out.onCompleted();
    }
}
