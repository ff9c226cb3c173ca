package io.pillar.findings.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.pillar.contracts.api.Problem;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.UnsupportedFormatException;
import io.quarkus.security.ForbiddenException;

/** Errors answer RFC 9457 application/problem+json saying what was wrong and where. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e, UriInfo uri) {
        return problem(Problem.badRequest(e.getMessage(), uri.getPath()));
    }

    /** A request that conflicts with the finding's state (nothing to decide, an expired request). */
    @ServerExceptionMapper
    public Response conflict(io.pillar.findings.service.WorkflowConflict e, UriInfo uri) {
        return problem(Problem.of(409, "Conflict", e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "your roles do not allow this request"
                : e.getMessage();
        return problem(Problem.of(403, "Forbidden", detail, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        String detail = e.getMessage() != null && e.getMessage().startsWith("no ")
                ? e.getMessage()
                : "nothing is served at " + uri.getPath();
        return problem(Problem.of(404, "Not Found", detail, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unsupported(UnsupportedFormatException e, UriInfo uri) {
        Map<String, Object> body = body(Problem.of(415, "Unsupported Media Type", e.getMessage(), uri.getPath()));
        body.put("supported_formats", e.supported());
        return Response.status(415).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** A report that cannot be read: where (line, column, byte offset) and what was expected. */
    @ServerExceptionMapper
    public Response malformed(MalformedReportException e, UriInfo uri) {
        Map<String, Object> body = body(Problem.badRequest(e.getMessage(), uri.getPath()));
        body.put("line", e.line());
        body.put("column", e.column());
        body.put("offset", e.offset());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static Map<String, Object> body(Problem p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", p.instance());
        return body;
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
