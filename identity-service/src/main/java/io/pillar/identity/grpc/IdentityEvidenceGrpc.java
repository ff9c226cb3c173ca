package io.pillar.identity.grpc;

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
import io.pillar.identity.service.IdentityEvidence;
import io.pillar.platform.posture.ScopeSql;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;

/** The identity-service's posture evidence, for the findings-service (client role evidence.read). */
@GrpcService
@Blocking
public class IdentityEvidenceGrpc extends EvidenceGrpc.EvidenceImplBase {
    static final String EVIDENCE_READ = "evidence.read";

    @Inject
    IdentityEvidence evidence;

    @Override
    @RolesAllowed({EVIDENCE_READ, Roles.ADMIN})
    public void listSources(ListSourcesRequest request, StreamObserver<ListSourcesResponse> out) {
        ListSourcesResponse.Builder response = ListSourcesResponse.newBuilder();
        for (IdentityEvidence.Source s : evidence.sources()) {
            response.addSources(Source.newBuilder().setId(s.id()).setTitle(s.title())
                    .addAllBestPractices(s.bestPractices()).setKind(s.kind()).setCatalog(IdentityEvidence.CATALOG));
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
        ScopeSql sql = IdentityEvidence.scope(scope, request.getTeamsList(), request.getEveryTeam());
        ObserveResponse.Builder response = ObserveResponse.newBuilder();
        for (IdentityEvidence.Observation o : evidence.observe(sql)) {
            response.addObservations(Observation.newBuilder().setSourceId(o.sourceId()).setEvaluated(o.evaluated())
                    .setFailing(o.failing()).setRisk(o.risk())
                    .setDetail(o.detail()));
        }
        out.onNext(response.build());
        out.onCompleted();
    }
}
