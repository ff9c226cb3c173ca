package io.pillar.identity.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** How actions are classified (iam/action-risks.yaml): reading verbs, sensitive services, risky action lists. */
public record ActionRisks(List<String> readVerbs, Set<String> sensitiveServices, List<String> credentialsExposure,
        List<String> dataExfiltration, List<String> resourceExposure, Map<String, JsonNode> awsManagedPolicies,
        Map<String, List<String>> servicePrincipals) {

    public static ActionRisks load() {
        JsonNode d = YamlData.resource("iam/action-risks.yaml");
        Map<String, JsonNode> managed = new TreeMap<>();
        d.path("aws_managed_policies").fields().forEachRemaining(e -> managed.put(e.getKey(), e.getValue()));
        Map<String, List<String>> principals = new TreeMap<>();
        d.path("service_principals").fields().forEachRemaining(e -> principals.put(e.getKey(),
                strings(d.path("service_principals"), e.getKey())));
        return new ActionRisks(strings(d, "read_verbs"), new TreeSet<>(strings(d, "sensitive_services")),
                strings(d, "credentials_exposure"), strings(d, "data_exfiltration"), strings(d, "resource_exposure"),
                managed, principals);
    }

    /** Whether the action (no wildcard) only reads, by its verb. */
    public boolean reads(String action) {
        int colon = action.indexOf(':');
        String name = colon < 0 ? action : action.substring(colon + 1);
        for (String verb : readVerbs) {
            if (name.regionMatches(true, 0, verb, 0, verb.length())) {
                return true;
            }
        }
        return false;
    }

    /** The service principals that run a service's code with a passed role. */
    public List<String> servicePrincipals(String service) {
        return servicePrincipals.getOrDefault(service, List.of(service + ".amazonaws.com"));
    }

    /** The service prefix of an action, in lower case. */
    public static String service(String action) {
        int colon = action.indexOf(':');
        return (colon < 0 ? action : action.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    private static List<String> strings(JsonNode d, String field) {
        List<String> out = new ArrayList<>();
        d.path(field).forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
