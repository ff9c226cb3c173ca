package io.pillar.findings.rest;

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
import io.pillar.findings.mapping.FindingView;
import io.pillar.findings.service.FindingQueries;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {
    @Inject
    FindingQueries queries;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Findings the caller may see, newest first, cursor-paginated")
    public Page<FindingView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queries.list(caller, cursor, limit);
    }
}
