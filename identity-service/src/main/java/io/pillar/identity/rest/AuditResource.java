package io.pillar.identity.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.contracts.api.Page;
import io.pillar.identity.audit.LedgerVerifier;
import io.pillar.identity.mapping.AuditFilter;
import io.pillar.identity.mapping.AuditView;
import io.pillar.identity.service.AuditQueries;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
public class AuditResource {
    @Inject
    AuditQueries queries;
    @Inject
    LedgerVerifier verifier;

    @GET
    @Operation(summary = "The audit ledger, newest first, cursor-paginated; filters by actor, action, target (the "
            + "resource acted on), outcome (a trailing * matches a prefix) and time (since inclusive, until exclusive)")
    public Page<AuditView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("target") String target, @QueryParam("outcome") String outcome,
            @QueryParam("since") String since, @QueryParam("until") String until) {
        return queries.list(cursor, limit, new AuditFilter(actor, action, target, outcome,
                time("since", since), time("until", until)));
    }

    private static Instant time(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + ": expected an RFC 3339 date-time such as "
                    + "2026-12-01T00:00:00Z, was " + value);
        }
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verifies the ledger: every entry's hash, link and seal, and every signed checkpoint; "
            + "incremental from the last checkpoint found whole unless full=true")
    public LedgerVerifier.Verification verify(@QueryParam("full") boolean full) {
        return verifier.verify(full);
    }
}
