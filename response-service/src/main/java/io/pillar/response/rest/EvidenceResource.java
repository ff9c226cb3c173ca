package io.pillar.response.rest;

import java.time.Instant;
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
import io.pillar.platform.security.Caller;
import io.pillar.response.service.EvidenceService;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {
    @Inject
    EvidenceService evidence;
    @Inject
    SecurityIdentity caller;

    /** A capture asked for by a person: of an asset or principal, for an incident, as it was at a moment. */
    public record CaptureRequest(String subjectKind, String subjectId, UUID incidentId, Instant asOf) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Capture evidence for an incident: an asset's configuration as it was at `as_of` (default "
            + "now) or a principal, the incident's findings and the audit entries about the subject")
    public Response capture(CaptureRequest request) {
        if (request == null || request.subjectKind() == null || request.subjectId() == null) {
            throw new IllegalArgumentException("subject_kind (asset or principal), subject_id and incident_id are "
                    + "required");
        }
        return Response.status(201).entity(evidence.captureFor(new EvidenceService.Capture(request.subjectKind(),
                request.subjectId(), request.asOf(), null, request.incidentId(), null, null), Caller.of(caller)))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "The evidence of the caller's teams (every team's for admins and auditors), of an incident "
            + "when given, without content (reading it is logged)")
    public List<EvidenceService.EvidenceView> list(@QueryParam("incident_id") UUID incident) {
        return evidence.list(incident, Caller.of(caller));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Read evidence: its content, SHA-256, whether it is intact, and its chain of custody; the "
            + "read itself is logged in the custody and audited")
    public EvidenceService.EvidenceView read(@PathParam("id") UUID id) {
        return evidence.read(id, Caller.of(caller));
    }
}
