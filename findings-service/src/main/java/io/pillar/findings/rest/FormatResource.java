package io.pillar.findings.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pillar.contracts.Roles;
import io.pillar.findings.mapping.FormatView;
import io.pillar.findings.parser.ParserRegistry;
import io.pillar.findings.parser.mapped.MappingLoader;
import io.pillar.findings.service.FormatCatalog;
import io.pillar.platform.problem.ProblemException;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/findings/formats")
@Produces(MediaType.APPLICATION_JSON)
public class FormatResource {
    /** The answer to the list: every format, and the mapping files of the folder that were refused. */
    public record Formats(List<FormatView> formats, List<FormatCatalog.Refused> refusedMappings) {
    }

    @Inject
    ParserRegistry parsers;
    @Inject
    FormatCatalog catalog;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "Every format an import reads: built in, or defined by a mapping file (from the mappings folder, "
            + "or uploaded); and the folder's mapping files that were refused, with line and reason")
    public Formats list() {
        return new Formats(parsers.formats().stream()
                .map(f -> FormatView.of(parsers.byFormat(f).orElseThrow(), false)).toList(), catalog.refused());
    }

    @GET
    @Path("/{format}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION})
    @Operation(summary = "One format; for a mapped format, its mapping file")
    public FormatView get(@PathParam("format") String format) {
        return parsers.byFormat(format).map(p -> FormatView.of(p, true))
                .orElseThrow(() -> new NotFoundException("no format " + format));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Define a format by a mapping file (YAML, or the same as JSON; at most 256 KiB): checked as the folder's are "
            + "(expressions compile, examples give their findings), 422 with the line and reason otherwise; 409 when "
            + "the format exists")
    public Response upload(InputStream body) {
        FormatView view = FormatView.of(catalog.upload(read(body), null, false, caller.getPrincipal().getName(),
                Caller.clientOf(caller)), false);
        return Response.created(URI.create("/api/v1/findings/formats/" + view.format())).entity(view).build();
    }

    @PUT
    @Path("/{format}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Define or replace an uploaded format by a mapping file; the folder's formats are changed in the "
            + "folder")
    public FormatView replace(@PathParam("format") String format, InputStream body) {
        return FormatView.of(catalog.upload(read(body), format, true, caller.getPrincipal().getName(),
                Caller.clientOf(caller)), false);
    }

    @DELETE
    @Path("/{format}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove an uploaded format (findings imported with it stay)")
    public Response delete(@PathParam("format") String format) {
        if (parsers.builtIn().contains(format)) {
            throw new ProblemException(409, "Conflict", "format '" + format + "' is built in");
        }
        if (!catalog.delete(format, caller.getPrincipal().getName(), Caller.clientOf(caller))) {
            throw new NotFoundException("no uploaded format " + format);
        }
        return Response.noContent().build();
    }

    private static String read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MappingLoader.MAX_BYTES + 1);
            if (bytes.length > MappingLoader.MAX_BYTES) {
                throw new ProblemException(413, "Content Too Large", "a mapping file is at most "
                        + MappingLoader.MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProblemException(400, "Bad Request", "the mapping could not be read: " + e.getMessage());
        }
    }
}
