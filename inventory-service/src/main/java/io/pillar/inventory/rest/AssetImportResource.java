package io.pillar.inventory.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import io.pillar.contracts.Roles;
import io.pillar.contracts.Teams;
import io.pillar.contracts.api.Page;
import io.pillar.inventory.parser.MalformedInputException;
import io.pillar.inventory.parser.UnsupportedFormatException;
import io.pillar.inventory.service.AssetImport;
import io.pillar.inventory.service.AssetImportQueries;
import io.pillar.platform.api.QueryParams;
import io.pillar.platform.jobs.JobScope;
import io.pillar.platform.security.Caller;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/assets/imports")
@Produces(MediaType.APPLICATION_JSON)
public class AssetImportResource {
    @Inject
    AssetImport imports;
    @Inject
    AssetImportQueries queries;
    @Inject
    SecurityIdentity caller;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Import assets (aws-config, ec2-describe or pillar JSON, streamed, up to 100 MB); "
            + "format detected when absent; each invalid item is listed, the valid ones are imported. The import is "
            + "a job (listed at GET /api/v1/assets/imports) of the team asked for (the caller's only team without "
            + "one), with an optional scope naming what it covers")
    public Response importAssets(InputStream body, @QueryParam("format") String format,
            @QueryParam("scope") String scope, @QueryParam("team") String team)
            throws UnsupportedFormatException, MalformedInputException {
        Caller who = Caller.of(caller);
        AssetImport.Report report = imports.importReport(body, new AssetImport.Request(blankToNull(format),
                JobScope.check(scope), teamFor(blankToNull(team), who), who.name()));
        return Response.ok(report).location(URI.create("/api/v1/assets/imports/" + report.id())).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Asset imports: the caller's own and their teams' (every one for admins, auditors and "
            + "integrations), newest first, cursor-paginated; filtered by scope, status (running, completed, failed) "
            + "and start time (since, until: ISO-8601)")
    public Page<AssetImport.Report> list(@QueryParam("scope") String scope, @QueryParam("status") String status,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queries.list(blankToNull(scope), blankToNull(status), QueryParams.instant("since", since),
                QueryParams.instant("until", until), cursor, limit, Caller.of(caller));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "One asset import: its status and what it did")
    public AssetImport.Report get(@PathParam("id") UUID id) {
        return queries.get(id, Caller.of(caller)).orElseThrow(() -> new NotFoundException("no asset import " + id));
    }

    /** The team asked for, which the caller must act for; without one, the caller's only team, else none. */
    private static String teamFor(String team, Caller who) {
        if (team == null) {
            return who.teams().size() == 1 ? who.teams().iterator().next() : null;
        }
        if (!Teams.isName(team)) {
            throw new IllegalArgumentException("team must be lower-case letters, digits and dashes, was " + team);
        }
        if (!who.changes(team)) {
            throw new ForbiddenException("only members of team " + team + " may import assets for it");
        }
        return team;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
