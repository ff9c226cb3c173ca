package io.pillar.identity.parser.fuzz;

import java.util.List;
import java.util.Map;

import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityParser;
import io.pillar.identity.parser.MalformedExportException;
import io.pillar.identity.parser.accessanalyzer.AccessAnalyzerParser;
import io.pillar.identity.parser.authz.AuthorizationDetailsParser;
import io.pillar.identity.parser.credentials.CredentialReportParser;
import io.pillar.identity.parser.keycloak.KeycloakRealmParser;

/**
 * A Jazzer fuzz target over one identity export format (its name is the target's argument): any input must give a
 * report, or the documented error saying where (a JSON path or a CSV line); anything else, and any hang, is a bug.
 */
public final class ExportParserFuzzTarget {
    static final Map<String, IdentityParser> PARSERS = Map.of(
            AccessAnalyzerParser.FORMAT, new AccessAnalyzerParser(),
            AuthorizationDetailsParser.FORMAT, new AuthorizationDetailsParser(),
            CredentialReportParser.FORMAT, new CredentialReportParser(),
            KeycloakRealmParser.FORMAT, new KeycloakRealmParser());
    private static IdentityParser parser;

    public static void fuzzerInitialize(String[] args) {
        parser = PARSERS.get(args[0]);
        if (parser == null) {
            throw new IllegalArgumentException("no format " + args[0] + " among " + List.copyOf(PARSERS.keySet()));
        }
    }

    public static void fuzzerTestOneInput(byte[] data) {
        check(parser, data);
    }

    /** Detects and parses one input; throws an {@link AssertionError} for any outcome the parser does not document. */
    public static void check(IdentityParser parser, byte[] data) {
        IdentityInput input = new IdentityInput(data);
        PARSERS.values().forEach(p -> p.detects(input));
        try {
            if (parser.parse(input) == null) {
                throw new AssertionError("no report and no error");
            }
        } catch (MalformedExportException e) {
            if (e.members().get("at") == null) {
                throw new AssertionError("refused without saying where: " + e.getMessage(), e);
            }
        }
    }

    private ExportParserFuzzTarget() {
    }
}
