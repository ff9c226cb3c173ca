package io.pillar.identity.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.identity.mapping.IdentityImportView;
import io.pillar.identity.service.AccessQueries;
import io.pillar.identity.service.IdentityImports;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/identity/imports")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityImportResource {
    @Inject
    IdentityImports imports;
    @Inject
    AccessQueries queries;
    @Inject
    SecurityIdentity caller;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Import an identity export of one AWS account (aws-authorization-details, "
            + "aws-credential-report as CSV or the CLI's JSON; format detected when absent, up to 100 MB). "
            + "The account's picture is replaced, its changes kept, and the identity checks run.")
    public Response importExport(InputStream body, @QueryParam("format") String format,
            @QueryParam("team") String team) {
        IdentityImportView job = IdentityImportView.of(imports.importExport(body, blankToNull(format),
                blankToNull(team), Caller.of(caller)));
        return Response.created(URI.create("/api/v1/identity/imports/" + job.id())).entity(job).build();
    }

    @POST
    @Path("/keycloak")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Read a Keycloak realm live through the admin API (as the identity-service's read-only "
            + "service account) and import it as a realm export would be: same picture, history and checks. Admins "
            + "and integrations only: it reads every user of the realm")
    public Response syncKeycloak(@QueryParam("realm") String realm, @QueryParam("team") String team) {
        IdentityImportView job = IdentityImportView.of(imports.syncKeycloak(blankToNull(realm), blankToNull(team),
                Caller.of(caller)));
        return Response.created(URI.create("/api/v1/identity/imports/" + job.id())).entity(job).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "One identity import: what it did")
    public IdentityImportView get(@PathParam("id") UUID id) {
        return queries.importOf(id, Caller.of(caller));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
