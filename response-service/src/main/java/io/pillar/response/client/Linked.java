package io.pillar.response.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pillar.contracts.findings.v1.Finding;
import io.pillar.contracts.findings.v1.FindingsGrpc;
import io.pillar.contracts.findings.v1.GetFindingRequest;
import io.pillar.contracts.identity.v1.GetPrincipalRequest;
import io.pillar.contracts.identity.v1.IdentityGrpc;
import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.contracts.inventory.v1.GetAssetRequest;
import io.pillar.contracts.inventory.v1.InventoryGrpc;
import io.pillar.platform.calls.ServiceToken;
import io.pillar.platform.problem.ProblemException;
import io.quarkus.grpc.GrpcClient;

/**
 * The other services, called with this service's own token; and what an incident may be about, asked of the services that own it with this service's own token: a finding, asset
 * or principal of the incident's team (any team's for an incident of no team). One of another team is answered as
 * unknown, so a link never tells whether another team's data exists.
 */
@ApplicationScoped
public class Linked {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    @GrpcClient("findings")
    FindingsGrpc.FindingsBlockingStub findings;
    @GrpcClient("inventory")
    InventoryGrpc.InventoryBlockingStub inventory;
    @GrpcClient("identity")
    IdentityGrpc.IdentityBlockingStub identity;
    @Inject
    ServiceToken token;

    /** The findings-service, called with this service's token, answering within the deadline. */
    public FindingsGrpc.FindingsBlockingStub findings(Duration deadline) {
        return token.authorize(findings, deadline);
    }

    public InventoryGrpc.InventoryBlockingStub inventory(Duration deadline) {
        return token.authorize(inventory, deadline);
    }

    public IdentityGrpc.IdentityBlockingStub identity(Duration deadline) {
        return token.authorize(identity, deadline);
    }

    public Finding finding(String id, String team) {
        Finding f = call("findings-service", "finding", id, () -> findings(DEADLINE)
                .getFinding(GetFindingRequest.newBuilder().setId(id).build()));
        return sameTeam(f.getTeam(), team, "finding", id, f);
    }

    public Asset asset(String id, String team) {
        Asset a = call("inventory-service", "asset", id, () -> inventory(DEADLINE)
                .getAsset(GetAssetRequest.newBuilder().setId(id).build()));
        return sameTeam(a.getOwnerTeam(), team, "asset", id, a);
    }

    public void principal(String id, String team) {
        call("identity-service", "principal", id, () -> identity(DEADLINE)
                .getPrincipal(GetPrincipalRequest.newBuilder().setId(id).setTeam(team == null ? "" : team).build()));
    }

    private static <T> T sameTeam(String owner, String team, String kind, String id, T value) {
        if (team != null && !team.equals(owner)) {
            throw unknown(kind, id, team);
        }
        return value;
    }

    private static ProblemException unknown(String kind, String id, String team) {
        return new ProblemException(422, "Unprocessable Content", "no " + kind + " " + id
                + (team == null ? "" : " of team " + team));
    }

    /**
     * A call to another service, its failures as problems: what it does not know (or will not say) is 422 "no kind
     * id", an unreachable or slow service 503, any other refusal 502.
     */
    static <T> T call(String service, String kind, String id, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT) {
                throw unknown(kind, id, null);
            }
            if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
                throw new ProblemException(503, "Service Unavailable", "the " + service + " could not be reached "
                        + "when asked for " + kind + " " + id);
            }
            throw new ProblemException(502, "Bad Gateway", "the " + service + " answered " + code + " when asked for "
                    + kind + " " + id);
        }
    }
}
