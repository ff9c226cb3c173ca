package io.pillar.response.rest;

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
import io.pillar.platform.security.Caller;
import io.pillar.response.mapping.IncidentView;
import io.pillar.response.service.IncidentQueries;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
    @Inject
    IncidentQueries queries;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "The incidents of the caller's teams (every team's for admins and auditors), newest first, "
            + "cursor-paginated")
    public Page<IncidentView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queries.list(cursor, limit, Caller.of(caller));
    }
}
