package io.pillar.findings.posture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.grpc.StatusRuntimeException;
import io.pillar.contracts.PostureScope;
import io.pillar.contracts.evidence.v1.EvidenceGrpc;
import io.pillar.contracts.evidence.v1.ListSourcesRequest;
import io.pillar.contracts.evidence.v1.ObserveRequest;
import io.pillar.contracts.evidence.v1.ObserveResponse;
import io.pillar.contracts.evidence.v1.Scope;
import io.pillar.contracts.evidence.v1.Source;
import io.pillar.platform.calls.ServiceToken;
import io.quarkus.grpc.GrpcClient;

/**
 * The Evidence services of the inventory-, identity- and response-service, called with this service's own token
 * (client role evidence.read of each). A service that does not answer leaves its sources unobserved and is named in
 * the result, never guessed.
 */
@ApplicationScoped
public class EvidenceClients {
    private static final Logger LOG = Logger.getLogger(EvidenceClients.class);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @GrpcClient("inventory")
    EvidenceGrpc.EvidenceBlockingStub inventory;
    @GrpcClient("identity")
    EvidenceGrpc.EvidenceBlockingStub identity;
    @GrpcClient("response")
    EvidenceGrpc.EvidenceBlockingStub response;
    @Inject
    ServiceToken token;

    /** A source with the service that runs it. */
    public record RemoteSource(String service, Source source) {
    }

    /** What the services observed, the inventory's assets of the scope, and who did not answer (with why). */
    public record Observations(List<PostureRules.Observed> observed, List<UUID> scopeAssets,
            boolean scopeAssetsTruncated, Map<String, String> unavailable) {
    }

    private Map<String, EvidenceGrpc.EvidenceBlockingStub> services() {
        Map<String, EvidenceGrpc.EvidenceBlockingStub> out = new LinkedHashMap<>();
        out.put("inventory-service", inventory);
        out.put("identity-service", identity);
        out.put("response-service", response);
        return out;
    }

    /** Every service's sources; a service that does not answer is in {@code unavailable}. */
    public List<RemoteSource> sources(Map<String, String> unavailable) {
        List<RemoteSource> out = new ArrayList<>();
        services().forEach((name, stub) -> {
            try {
                token.authorize(stub, DEADLINE).listSources(ListSourcesRequest.getDefaultInstance()).getSourcesList()
                        .forEach(s -> out.add(new RemoteSource(name, s)));
            } catch (RuntimeException e) {
                unavailable.put(name, reason(name, e));
            }
        });
        return out;
    }

    public Observations observe(PostureScope scope, Collection<String> teams, boolean everyTeam,
            Map<String, Source> sourcesById) {
        ObserveRequest request = ObserveRequest.newBuilder()
                .setScope(Scope.newBuilder().setKind(scope.kind()).setValue(scope.value()))
                .addAllTeams(teams == null ? List.of() : teams).setEveryTeam(everyTeam).build();
        List<PostureRules.Observed> observed = new ArrayList<>();
        List<UUID> assets = new ArrayList<>();
        boolean truncated = false;
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (var e : services().entrySet()) {
            ObserveResponse answer;
            try {
                answer = token.authorize(e.getValue(), DEADLINE).observe(request);
            } catch (RuntimeException ex) {
                unavailable.put(e.getKey(), reason(e.getKey(), ex));
                continue;
            }
            for (var o : answer.getObservationsList()) {
                Source source = sourcesById.get(e.getKey() + "|" + o.getSourceId());
                observed.add(new PostureRules.Observed(e.getKey(), o.getSourceId(),
                        source == null ? "findings" : source.getKind(), o.getEvaluated(), o.getFailing(), o.getRisk(),
                        o.getDetail()));
            }
            answer.getAssetIdsList().forEach(id -> assets.add(UUID.fromString(id)));
            truncated |= answer.getAssetIdsTruncated();
        }
        return new Observations(observed, assets, truncated, unavailable);
    }

    private static String reason(String service, RuntimeException e) {
        String why = e instanceof StatusRuntimeException s
                ? s.getStatus().getCode() + (s.getStatus().getDescription() == null
                        ? ""
                        : ": " + s.getStatus().getDescription())
                : e.getMessage();
        LOG.warnf("posture evidence from %s unavailable: %s", service, why);
        return why;
    }
}
