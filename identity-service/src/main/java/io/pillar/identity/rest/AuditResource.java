package io.pillar.identity.rest;

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
    @Operation(summary = "The audit ledger, newest first, cursor-paginated")
    public Page<AuditView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return queries.list(cursor, limit);
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verifies the ledger: every entry's hash, link and seal, and every signed checkpoint; "
            + "incremental from the last checkpoint found whole unless full=true")
    public LedgerVerifier.Verification verify(@QueryParam("full") boolean full) {
        return verifier.verify(full);
    }
}
