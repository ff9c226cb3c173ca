package io.pillar.identity.parser.accessanalyzer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.ExternalAccess;
import io.pillar.identity.parser.ExportValues;
import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityParser;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.parser.IdentityReport.Rejection;
import io.pillar.identity.parser.MalformedExportException;

/**
 * IAM Access Analyzer's findings ({@code aws accessanalyzer list-findings}: {@code {"findings": [...]}}, or the array
 * itself) of one account: each resource reachable from outside the account, by whom, with which actions. The account
 * is the findings' {@code resourceOwnerAccount} (or their resource ARN's); a finding of another account, or without a
 * resource, is rejected.
 */
@ApplicationScoped
public class AccessAnalyzerParser implements IdentityParser {
    public static final String FORMAT = "aws-access-analyzer";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean detects(IdentityInput input) {
        JsonNode items = items(input.json());
        return items != null && !items.isEmpty() && items.get(0).has("resourceType")
                && (items.get(0).has("isPublic") || items.get(0).has("resourceOwnerAccount"));
    }

    private static JsonNode items(JsonNode root) {
        if (root == null) {
            return null;
        }
        JsonNode items = root.isObject() ? root.get("findings") : root;
        return items != null && items.isArray() ? items : null;
    }

    @Override
    public IdentityReport parse(IdentityInput input) throws MalformedExportException {
        JsonNode items = items(input.json());
        if (items == null) {
            throw new MalformedExportException("$", input.jsonError() != null
                    ? "not JSON: " + input.jsonError()
                    : "Access Analyzer findings are {\"findings\": [...]} or an array of findings");
        }
        String account = null;
        List<ExternalAccess> found = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode f = items.get(i);
            String at = "$.findings[" + i + "]";
            String resource = f.path("resource").asText(null);
            String owner = f.path("resourceOwnerAccount").asText(null);
            if (owner == null && resource != null) {
                String[] parts = resource.split(":", 6);
                owner = parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : null;
            }
            if (resource == null || owner == null) {
                rejected.add(new Rejection(at, "a finding needs its resource and the account that owns it"));
                continue;
            }
            if (account == null) {
                account = owner;
            } else if (!account.equals(owner)) {
                rejected.add(new Rejection(at, resource + " is of account " + owner + ", the export's is "
                        + account + " (import each account on its own)"));
                continue;
            }
            Map<String, String> principal = new LinkedHashMap<>();
            f.path("principal").fields().forEachRemaining(e -> principal.put(e.getKey(), e.getValue().asText()));
            List<String> actions = new ArrayList<>();
            f.path("action").forEach(a -> actions.add(a.asText()));
            found.add(new ExternalAccess(f.path("id").asText(null), resource, f.path("resourceType").asText(null),
                    principal, actions, f.path("isPublic").asBoolean(false), f.get("condition"),
                    f.path("status").asText("ACTIVE"), ExportValues.instant(f.path("analyzedAt").asText(null))));
        }
        if (account == null) {
            if (!rejected.isEmpty()) {
                throw new MalformedExportException("$.findings", "no finding names its account: "
                        + rejected.get(0).reason());
            }
            throw new MalformedExportException("$.findings", "no finding: nothing says which account this is");
        }
        if (AwsPrincipal.accountOf("arn:aws:iam::" + account + ":root") == null) {
            throw new MalformedExportException("$.findings", "resourceOwnerAccount is not an account id: " + account);
        }
        return new IdentityReport(FORMAT, account, IdentityReport.EXTERNAL_ACCESS, List.of(), List.of(), found,
                rejected, null);
    }
}
