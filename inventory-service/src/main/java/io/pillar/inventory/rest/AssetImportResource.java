package io.pillar.inventory.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.inventory.parser.MalformedInputException;
import io.pillar.inventory.parser.UnsupportedFormatException;
import io.pillar.inventory.service.AssetImport;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/assets/imports")
@Produces(MediaType.APPLICATION_JSON)
public class AssetImportResource {
    @Inject
    AssetImport imports;
    @Inject
    SecurityIdentity caller;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Import assets (aws-config, ec2-describe or pillar JSON, streamed, up to 100 MB); "
            + "format detected when absent; each invalid item is listed, the valid ones are imported")
    public AssetImport.Report importAssets(InputStream body, @QueryParam("format") String format)
            throws UnsupportedFormatException, MalformedInputException {
        return imports.run(body, format == null || format.isBlank() ? null : format.trim(),
                caller.getPrincipal().getName(), "api");
    }
}
