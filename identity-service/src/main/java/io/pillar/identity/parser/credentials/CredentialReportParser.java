package io.pillar.identity.parser.credentials;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.AwsPrincipal.AccessKey;
import io.pillar.identity.aws.AwsPrincipal.Certificate;
import io.pillar.identity.aws.AwsPrincipal.Credentials;
import io.pillar.identity.parser.ExportValues;
import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityParser;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.parser.IdentityReport.Rejection;
import io.pillar.identity.parser.MalformedExportException;

/**
 * The IAM credential report: the CSV itself, or the CLI's {@code get-credential-report} answer with its
 * {@code Content} in base64 (or already decoded, as some collectors store it). Each row is one user (or the root
 * user) with whether each credential exists, its age and its last use: never a secret. A row without an ARN of the
 * report's account is rejected.
 */
@ApplicationScoped
public class CredentialReportParser implements IdentityParser {
    public static final String FORMAT = "aws-credential-report";
    private static final String HEADER_START = "user,arn,";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean detects(IdentityInput input) {
        JsonNode j = input.json();
        if (j != null) {
            return j.isObject() && j.has("Content") && (j.has("ReportFormat") || j.has("GeneratedTime"));
        }
        return input.text().stripLeading().startsWith(HEADER_START);
    }

    @Override
    public IdentityReport parse(IdentityInput input) throws MalformedExportException {
        JsonNode j = input.json();
        String csv;
        Instant generated = null;
        if (j != null) {
            if (!j.path("Content").isTextual()) {
                throw new MalformedExportException("$.Content", "must be the report as text (base64 or CSV)");
            }
            csv = decoded(j.get("Content").asText());
            generated = ExportValues.instant(j.path("GeneratedTime").asText(null));
        } else {
            csv = input.text();
        }
        List<List<String>> rows = CsvRows.read(csv.stripLeading());
        if (rows.isEmpty() || !String.join(",", rows.get(0)).startsWith(HEADER_START)) {
            throw new MalformedExportException("line 1", "a credential report starts with the header user,arn,...");
        }
        Map<String, Integer> column = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).trim(), i);
        }
        String account = null;
        List<AwsPrincipal> principals = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = new Row(rows.get(r), column);
            String at = "line " + (r + 1);
            String arn = row.get("arn");
            String of = AwsPrincipal.accountOf(arn);
            if (of == null) {
                rejected.add(new Rejection(at, "no IAM ARN with an account id (arn: " + arn + ")"));
                continue;
            }
            if (account == null) {
                account = of;
            } else if (!account.equals(of)) {
                rejected.add(new Rejection(at, arn + " is of account " + of + ", the report's is " + account));
                continue;
            }
            principals.add(principal(row, arn, generated));
        }
        if (account == null) {
            throw new MalformedExportException("line 2", "the report has no user of an account");
        }
        return new IdentityReport(FORMAT, account, IdentityReport.CREDENTIALS, principals, List.of(), List.of(),
                rejected,
                generated);
    }

    private static AwsPrincipal principal(Row row, String arn, Instant generated) {
        String user = row.get("user");
        boolean root = "<root_account>".equals(user);
        List<AccessKey> keys = new ArrayList<>();
        List<Certificate> certificates = new ArrayList<>();
        for (int slot = 1; slot <= 2; slot++) {
            String k = "access_key_" + slot + "_";
            keys.add(new AccessKey(slot, row.flag(k + "active"), row.instant(k + "last_rotated"),
                    row.instant(k + "last_used_date"), row.text(k + "last_used_service"),
                    row.text(k + "last_used_region")));
            String c = "cert_" + slot + "_";
            certificates.add(new Certificate(slot, row.flag(c + "active"), row.instant(c + "last_rotated")));
        }
        String password = row.get("password_enabled");
        Credentials credentials = new Credentials(
                "not_supported".equals(password) ? (Boolean) root : (Boolean) "true".equals(password),
                row.instant("password_last_used"), row.instant("password_last_changed"), row.flag("mfa_active"),
                keys, certificates, generated);
        return new AwsPrincipal(root ? AwsPrincipal.ROOT : AwsPrincipal.USER, arn, root ? "root" : user, null,
                null, row.instant("user_creation_time"), null, null, null, null, null, null, null, credentials);
    }

    private static String decoded(String content) throws MalformedExportException {
        String trimmed = content.strip();
        if (trimmed.startsWith(HEADER_START)) {
            return trimmed;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(trimmed), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedExportException("$.Content", "neither CSV nor base64: " + e.getMessage());
        }
    }

    /** One row by column name; {@code N/A}, {@code no_information} and {@code not_supported} mean no value. */
    private record Row(List<String> values, Map<String, Integer> column) {
        String get(String name) {
            Integer i = column.get(name);
            return i == null || i >= values.size() ? null : values.get(i).trim();
        }

        String text(String name) {
            String v = get(name);
            return v == null || v.isEmpty() || v.equals("N/A") || v.equals("no_information")
                    || v.equals("not_supported") ? null : v;
        }

        boolean flag(String name) {
            return "true".equalsIgnoreCase(get(name));
        }

        Instant instant(String name) {
            return ExportValues.instant(text(name));
        }
    }
}
