package io.pillar.response.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import io.pillar.platform.api.QueryParams;
import io.pillar.platform.security.Caller;
import io.pillar.response.incident.IncidentRequests;
import io.pillar.response.mapping.IncidentDetail;
import io.pillar.response.mapping.IncidentView;
import io.pillar.response.service.IncidentQueries;
import io.pillar.response.service.IncidentWorkflow;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
    @Inject
    IncidentQueries queries;
    @Inject
    IncidentWorkflow workflow;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "The incidents of the caller's teams (every team's for admins and auditors), newest first, "
            + "cursor-paginated; filtered by status, least severity, assignee and team")
    public Page<IncidentView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("status") String status, @QueryParam("min_severity_id") Integer minSeverity,
            @QueryParam("assignee") String assignee, @QueryParam("team") String team) {
        return queries.list(cursor, limit, status, minSeverity, assignee, team, Caller.of(caller));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Open an incident for a team, from findings (title, severity and their assets taken from "
            + "them) or on its own; every linked finding, asset and principal must be the team's")
    public Response open(IncidentRequests.NewIncident request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with at least a title or finding_ids is required");
        }
        Caller who = Caller.of(caller);
        var opened = workflow.open(request, Teams.forChange(request.team(), who, "incidents", false), who);
        IncidentDetail detail = queries.detail(opened);
        return Response.status(201).entity(detail).header("Location", "/api/v1/incidents/" + opened.id).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "An incident with its links, review and timeline")
    public IncidentDetail get(@PathParam("id") UUID id) {
        return queries.get(id, Caller.of(caller));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Change an incident: status (closing needs a review), severity, title, description, "
            + "assignees, links (each list given replaces the set), review; with an optional comment")
    public IncidentDetail change(@PathParam("id") UUID id, IncidentRequests.Change change) {
        if (change == null) {
            throw new IllegalArgumentException("a JSON body with the fields to change is required");
        }
        return queries.detail(workflow.change(id, change, Caller.of(caller)));
    }

    @GET
    @Path("/metrics")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Time to acknowledge, contain and resolve (mean, median, 90th percentile, seconds from "
            + "detection) per team and severity, for the incidents detected in the window (default the last 90 days)")
    public IncidentQueries.Metrics metrics(@QueryParam("since") String since, @QueryParam("until") String until) {
        return queries.metrics(QueryParams.instant("since", since), QueryParams.instant("until", until),
                Caller.of(caller));
    }

}
