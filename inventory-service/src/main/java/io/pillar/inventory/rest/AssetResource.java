package io.pillar.inventory.rest;

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
import io.pillar.inventory.mapping.AssetView;
import io.pillar.inventory.service.AssetQueries;

@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {
    @Inject
    AssetQueries queries;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Assets, newest first, cursor-paginated, optionally of one type")
    public Page<AssetView> list(@QueryParam("type") String type, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return queries.list(type, cursor, limit);
    }
}
