package io.pillar.response.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.platform.security.Caller;
import io.pillar.response.service.Triggers;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerResource {
    @Inject
    Triggers triggers;
    @Inject
    SecurityIdentity caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Create a trigger for a team: a filter over its finding events (least severity, products, "
            + "rules, event types, asset classification, exposure, criticality) that opens an incident and/or runs a "
            + "playbook, once per finding")
    public Response create(Triggers.NewRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("a JSON body with name, filter and open_incident or playbook_id");
        }
        Caller who = Caller.of(caller);
        return Response.status(201).entity(triggers.create(rule, Teams.forChange(rule.team(), who, "triggers", false),
                who)).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "The triggers of the caller's teams (every team's for admins and auditors), newest first")
    public List<Triggers.RuleView> list() {
        return triggers.list(Caller.of(caller));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Disable a trigger (kept for the record)")
    public Triggers.RuleView disable(@PathParam("id") UUID id) {
        return triggers.disable(id, Caller.of(caller));
    }
}
