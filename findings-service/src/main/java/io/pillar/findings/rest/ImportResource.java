package io.pillar.findings.rest;

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
import io.pillar.contracts.api.Page;
import io.pillar.findings.mapping.ImportView;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.UnsupportedFormatException;
import io.pillar.findings.service.ImportQueries;
import io.pillar.findings.service.ImportService;
import io.pillar.platform.api.QueryParams;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/findings/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {
    @Inject
    ImportService imports;
    @Inject
    ImportQueries queries;
    @Inject
    SecurityIdentity caller;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Import a scanner report (JSON, or JSON Lines; streamed, up to 100 MB); format detected when absent. "
            + "With a scope, the open findings of that scope and team the report no longer contains are resolved. "
            + "Without a team, the caller's only team; findings of no team are imported by admins and integrations.")
    public Response importReport(InputStream report, @QueryParam("format") String format,
            @QueryParam("scope") String scope, @QueryParam("team") String team)
            throws UnsupportedFormatException, MalformedReportException {
        String forTeam = ImportRequests.team(scope, blankToNull(team), Caller.of(caller));
        ImportView job = ImportView.of(imports.importReport(report,
                new ImportService.Request(blankToNull(format), blankToNull(scope), forTeam,
                        caller.getPrincipal().getName())));
        return Response.created(URI.create("/api/v1/findings/imports/" + job.id())).entity(job).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "The imports of the caller's teams (every team's for admins, auditors and integrations), "
            + "newest first, cursor-paginated; filtered by scope, status (running, completed, failed) and start time "
            + "(since, until: ISO-8601)")
    public Page<ImportView> list(@QueryParam("scope") String scope, @QueryParam("status") String status,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queries.list(blankToNull(scope), blankToNull(status), QueryParams.instant("since", since),
                QueryParams.instant("until", until), cursor, limit, Caller.of(caller));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "One import: its status and what it did")
    public ImportView get(@PathParam("id") UUID id) {
        return queries.get(id, Caller.of(caller)).orElseThrow(() -> new NotFoundException("no import " + id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
