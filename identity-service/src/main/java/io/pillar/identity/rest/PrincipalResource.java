package io.pillar.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.contracts.api.Page;
import io.pillar.identity.mapping.PrincipalView;
import io.pillar.identity.service.PrincipalQueries;

@Path("/api/v1/identity/principals")
@Produces(MediaType.APPLICATION_JSON)
public class PrincipalResource {
    @Inject
    PrincipalQueries queries;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Principals of every identity source, newest first, cursor-paginated")
    public Page<PrincipalView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queries.list(cursor, limit);
    }
}
