package io.pillar.identity.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.contracts.api.Page;
import io.pillar.identity.mapping.AccessViews.PrincipalDetail;
import io.pillar.identity.mapping.AccessViews.WhoCan;
import io.pillar.identity.mapping.PrincipalView;
import io.pillar.identity.service.AccessQueries;
import io.pillar.identity.service.PrincipalQueries;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

/** Principals and their access; reading identities is closed to integrations. */
@Path("/api/v1/identity")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
public class PrincipalResource {
    @Inject
    PrincipalQueries queries;
    @Inject
    AccessQueries access;
    @Inject
    SecurityIdentity caller;

    @GET
    @Path("/principals")
    @Operation(summary = "Principals of the caller's teams' accounts, newest first, cursor-paginated; "
            + "filters: account, type (user, role, group, root), name (contains)")
    public Page<PrincipalView> list(@QueryParam("account") String account, @QueryParam("type") String type,
            @QueryParam("name") String name, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return queries.list(blankToNull(account), blankToNull(type), blankToNull(name), cursor, limit,
                Caller.of(caller));
    }

    @GET
    @Path("/principals/{id}")
    @Operation(summary = "One principal: its picture, effective permissions and where each comes from, "
            + "the roles it can assume, its open findings and its history")
    public PrincipalDetail get(@PathParam("id") UUID id) {
        return access.principal(id, Caller.of(caller));
    }

    @GET
    @Path("/who-can")
    @Operation(summary = "Users and roles that can perform an action (on a resource ARN, or on some resource), "
            + "and through which policy, group or role")
    public WhoCan whoCan(@QueryParam("action") String action, @QueryParam("resource") String resource,
            @QueryParam("account") String account) {
        return access.whoCan(action, blankToNull(resource), blankToNull(account), Caller.of(caller));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
