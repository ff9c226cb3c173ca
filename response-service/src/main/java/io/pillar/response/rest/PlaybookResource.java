package io.pillar.response.rest;

import java.util.List;
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
import io.pillar.contracts.api.Page;
import io.pillar.platform.security.Caller;
import io.pillar.response.Run;
import io.pillar.response.mapping.PlaybookView;
import io.pillar.response.playbook.PlaybookError;
import io.pillar.response.playbook.PlaybookValidator;
import io.pillar.response.service.PlaybookService;
import io.pillar.response.service.RunDriver;
import io.pillar.response.service.RunService;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/playbooks")
@Produces(MediaType.APPLICATION_JSON)
public class PlaybookResource {
    @Inject
    PlaybookService service;
    @Inject
    RunService runs;
    @Inject
    RunDriver driver;
    @Inject
    SecurityIdentity caller;

    /** What validation says of a valid document. */
    public record Validation(boolean valid, String cacaoId, String name, int steps, List<PlaybookError> warnings) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Import a CACAO 2.0 playbook for a team (none: shared, admins and integrations); a playbook "
            + "with the same CACAO id gets a new version, the same document again none; invalid: 422 with each error's"
            + " JSON path")
    public Response importPlaybook(@QueryParam("team") String team, String document) {
        Caller who = Caller.of(caller);
        PlaybookService.Imported imported = service.importPlaybook(document,
                Teams.forChange(team, who, "playbooks", true), who);
        return Response.status(imported.created() ? 201 : 200).entity(imported).build();
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Validate a CACAO 2.0 playbook as an import would, without storing it; invalid: 422 with "
            + "each error's JSON path")
    public Validation validate(String document) {
        PlaybookValidator.Checked checked = service.validate(document);
        return new Validation(true, checked.playbook().get("id").asText(), checked.playbook().path("name").asText(),
                checked.playbook().path("workflow").size(), checked.warnings());
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "The playbooks of the caller's teams and the shared ones (every team's for admins, "
            + "auditors and integrations), most recently changed first, cursor-paginated")
    public Page<PlaybookView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.list(cursor, limit, Caller.of(caller));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "A playbook and its versions")
    public PlaybookView get(@PathParam("id") UUID id) {
        return service.get(id, Caller.of(caller));
    }

    @GET
    @Path("/{id}/export")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "A version of the playbook (the latest without `version`) exactly as it was imported")
    public Response export(@PathParam("id") UUID id, @QueryParam("version") Integer version) {
        return Response.ok(service.export(id, version, Caller.of(caller)), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"playbook-" + id + ".json\"").build();
    }

    @POST
    @Path("/{id}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Run a playbook (its latest version, or `version`) for a team and optionally an incident, "
            + "with inputs for its variables; `simulation: true` records what each step would do and carries out "
            + "nothing. A variable nobody sets: 422 before anything runs")
    public Response start(@PathParam("id") UUID playbook, RunService.StartRun request) {
        Caller who = Caller.of(caller);
        Run run = runs.start(playbook, request == null
                ? new RunService.StartRun(null, null, null, null, null)
                : request, who, null, who.name());
        driver.driveSoon(run.id);
        return Response.status(201).entity(runs.view(run.id, who)).header("Location", "/api/v1/runs/" + run.id)
                .build();
    }
}
