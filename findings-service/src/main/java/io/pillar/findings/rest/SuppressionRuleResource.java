package io.pillar.findings.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.findings.mapping.SuppressionCriteria;
import io.pillar.findings.service.SuppressionRules;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/findings/suppression-rules")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionRuleResource {
    @Inject
    SuppressionRules rules;
    @Inject
    SecurityIdentity caller;

    /** A rule to create: what it matches, the status it sets, why and (suppressed) until when. */
    public record NewRule(String name, SuppressionCriteria criteria, String status, String reason,
            Instant expiresAt) {
    }

    public record Created(SuppressionRules.Rule rule, int applied) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Create a suppression rule; it applies at once to the open findings it matches and on "
            + "ingest to findings that are new or come back")
    public Response create(NewRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("the body must be a rule: name, criteria, status, reason, expires_at");
        }
        SuppressionRules.Created created = rules.create(rule.name(), rule.criteria(), rule.status(), rule.reason(),
                rule.expiresAt(), Caller.of(caller));
        return Response.created(URI.create("/api/v1/findings/suppression-rules/" + created.rule().id()))
                .entity(new Created(created.rule(), created.applied())).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "The suppression rules of the caller's teams and those for every team, newest first, disabled ones included")
    public List<SuppressionRules.Rule> list() {
        return rules.list(Caller.of(caller));
    }

    /** The second person's word on a rule that lasts longer than one person may decide. */
    @POST
    @Path("/{id}/approval")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Approve a rule waiting for a second person (longer than the maximum without approval); it "
            + "applies at once; the approver must not be its author")
    public Created approve(@PathParam("id") UUID id) {
        SuppressionRules.Created approved = rules.approve(id, Caller.of(caller))
                .orElseThrow(() -> new NotFoundException("no suppression rule " + id));
        return new Created(approved.rule(), approved.applied());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Disable a rule (kept for the record); findings it already changed keep their status")
    public Response disable(@PathParam("id") UUID id) {
        if (!rules.disable(id, Caller.of(caller))) {
            throw new NotFoundException("no enabled suppression rule " + id);
        }
        return Response.noContent().build();
    }
}
