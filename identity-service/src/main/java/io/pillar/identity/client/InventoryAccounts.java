package io.pillar.identity.client;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pillar.contracts.inventory.v1.FindAccountRequest;
import io.pillar.contracts.inventory.v1.InventoryGrpc;
import io.pillar.platform.calls.ServiceToken;
import io.quarkus.grpc.GrpcClient;

/**
 * Who owns an account according to the inventory: the owner team of its asset of type account, asked over gRPC
 * ({@code FindAccount}, client role {@code assets.read}, which registers nothing).
 */
@ApplicationScoped
public class InventoryAccounts {
    @GrpcClient("inventory")
    InventoryGrpc.InventoryBlockingStub inventory;
    @Inject
    ServiceToken token;
    @ConfigProperty(name = "pillar.identity.owners-from-inventory", defaultValue = "true")
    boolean enabled;

    /** What the inventory says of an account. */
    public sealed interface Owner {
    }

    /** The inventory has the account; its owner team, or null when the asset names none. */
    public record Known(String team) implements Owner {
    }

    /** The inventory has no asset for the account. */
    public record Unknown() implements Owner {
    }

    /** The inventory could not be asked (not configured here, unreachable, refused). */
    public record Unanswered(String reason) implements Owner {
    }

    public Owner ownerOf(String account) {
        if (!enabled) {
            return new Unanswered("asking the inventory is turned off (pillar.identity.owners-from-inventory)");
        }
        try {
            String team = token.authorize(inventory, Duration.ofSeconds(10))
                    .findAccount(FindAccountRequest.newBuilder().setAccount(account).build()).getOwnerTeam();
            return new Known(Optional.of(team).filter(t -> !t.isBlank()).orElse(null));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return new Unknown();
            }
            return new Unanswered("the inventory did not answer who owns " + account + ": " + e.getStatus()
                    .getCode()
                    + (e.getStatus().getDescription() == null
                            ? ""
                            : " " + e.getStatus()
                                    .getDescription()));
        } catch (io.pillar.platform.problem.ProblemException e) {
            return new Unanswered(e.getMessage());
        }
    }
}
