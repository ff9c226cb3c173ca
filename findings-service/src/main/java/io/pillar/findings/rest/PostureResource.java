package io.pillar.findings.rest;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.PostureScope;
import io.pillar.contracts.Roles;
import io.pillar.findings.posture.Attestations;
import io.pillar.findings.posture.PostureService;
import io.pillar.platform.json.Json;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

/** The Well-Architected posture of a scope, the coverage of the catalog, and attestations. */
@Path("/api/v1/posture")
@Produces(MediaType.APPLICATION_JSON)
public class PostureResource {

    @Inject
    PostureService posture;
    @Inject
    Attestations attestations;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Every best practice's status in a scope (org, team:<team>, account:<id>, tag:<k>=<v>), "
            + "with its evidence, counted over the teams the caller reads")
    public ObjectNode get(@QueryParam("scope") String scope) {
        return posture.posture(PostureScope.parse(scope), Caller.of(caller), Instant.now());
    }

    @GET
    @Path("/coverage")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "For each best practice, its automated evidence sources, or that it needs an attestation")
    public ObjectNode coverage() {
        return posture.coverage();
    }

    @GET
    @Path("/attestations")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.AUDITOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "The attestations of a scope and the organisation's, newest first")
    public ObjectNode attestations(@QueryParam("scope") String scope, @QueryParam("revoked") boolean revoked) {
        PostureScope s = PostureScope.parse(scope);
        Caller who = Caller.of(caller);
        if (s.kind().equals(PostureScope.TEAM) && !who.reads(s.value())) {
            throw new NotFoundException("no scope " + s + " among your teams");
        }
        Instant now = Instant.now();
        ObjectNode out = Json.MAPPER.createObjectNode();
        var items = out.putArray("items");
        attestations.of(s, who, revoked).forEach(a -> items.add(a.view(now)));
        return out;
    }

    @POST
    @Path("/attestations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Attest that a best practice is met (or not applicable) in a scope, until it expires")
    public Response attest(Attestations.NewAttestation body) {
        Instant now = Instant.now();
        Attestations.Attestation a = attestations.create(body, Caller.of(caller), now);
        return Response.created(URI.create("/api/v1/posture/attestations/" + a.id())).entity(a.view(now)).build();
    }

    @DELETE
    @Path("/attestations/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Revoke an attestation (it is kept, marked revoked)")
    public ObjectNode revoke(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no attestation " + id);
        }
        Instant now = Instant.now();
        return attestations.revoke(uuid, Caller.of(caller), now)
                .orElseThrow(() -> new NotFoundException("no attestation " + id)).view(now);
    }
}
