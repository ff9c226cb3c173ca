package io.pillar.response.rest;

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

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.contracts.api.Page;
import io.pillar.platform.security.Caller;
import io.pillar.response.mapping.RunView;
import io.pillar.response.service.RunDriver;
import io.pillar.response.service.RunService;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    @Inject
    RunService runs;
    @Inject
    RunDriver driver;
    @Inject
    SecurityIdentity caller;

    /** Why a run is cancelled. */
    public record Cancel(String reason) {
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "The runs of the caller's teams (every team's for admins, auditors and integrations), "
            + "newest first, cursor-paginated; filtered by incident and status")
    public Page<RunView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("incident_id") UUID incident, @QueryParam("status") String status) {
        return runs.list(cursor, limit, incident, status, Caller.of(caller));
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "A run with every step's state, inputs, outputs and timings")
    public RunView get(@PathParam("id") UUID id) {
        return runs.view(id, Caller.of(caller));
    }

    @GET
    @Path("/runs/{id}/report")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "A run's report (a game day's, for a simulation): each step, what it did or would do, its "
            + "time, how long approvals may hold the run, and what would fail (missing permission, a subject not the "
            + "team's, a host off the allow-list or unknown)")
    public RunService.Report report(@PathParam("id") UUID id) {
        return runs.report(id, Caller.of(caller));
    }

    @POST
    @Path("/runs/{id}/steps/{step}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Answer a manual step the run waits on: `decision` approve or reject, a comment, values of "
            + "its out arguments (`outputs`); in a run that contains damage the person who started it may not answer")
    public RunView complete(@PathParam("id") UUID id, @PathParam("step") String step, RunService.Answer answer) {
        if (answer == null) {
            throw new IllegalArgumentException("a JSON body with decision (approve or reject) is required");
        }
        Caller who = Caller.of(caller);
        runs.answer(id, step, answer, who);
        driver.driveSoon(id);
        return runs.view(id, who);
    }

    @POST
    @Path("/runs/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Cancel a run: no further step runs (a step already carried out is not undone)")
    public RunView cancel(@PathParam("id") UUID id, Cancel cancel) {
        Caller who = Caller.of(caller);
        runs.cancel(id, cancel == null ? null : cancel.reason(), who);
        return runs.view(id, who);
    }
}
