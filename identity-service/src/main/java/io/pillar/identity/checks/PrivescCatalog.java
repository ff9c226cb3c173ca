package io.pillar.identity.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The privilege-escalation catalogue: paths in pathfinding.cloud's schema (id, name, category, services,
 * permissions.required), read from the bundled iam/privesc-catalog.yaml or from a folder of the catalogue's own
 * files, one path each. Only the permissions and their category are used: no path is coded by hand.
 */
public final class PrivescCatalog {

    public static List<PrivescPath> bundled() {
        List<PrivescPath> out = new ArrayList<>();
        for (JsonNode p : YamlData.resource("iam/privesc-catalog.yaml").path("paths")) {
            out.add(path(p, "iam/privesc-catalog.yaml"));
        }
        return List.copyOf(out);
    }

    /** Every {@code *.yaml} file of the folder that describes a path (other YAML files are skipped). */
    public static List<PrivescPath> folder(Path dir) {
        List<PrivescPath> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode d = YamlData.file(f);
                if (d.has("id") && d.has("permissions")) {
                    out.add(path(d, f.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the privilege-escalation catalogue " + dir, e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no privilege-escalation path in " + dir);
        }
        return List.copyOf(out);
    }

    private static PrivescPath path(JsonNode p, String where) {
        List<PrivescPath.Permission> required = new ArrayList<>();
        for (JsonNode r : p.path("permissions").path("required")) {
            required.add(new PrivescPath.Permission(r.path("permission").asText(),
                    r.path("resourceConstraints").asText(null)));
        }
        if (!p.path("id").isTextual() || required.isEmpty()) {
            throw new IllegalStateException(where + ": a path needs an id and required permissions");
        }
        List<String> services = new ArrayList<>();
        p.path("services").forEach(s -> services.add(s.asText()));
        return new PrivescPath(p.get("id").asText(), p.path("name").asText(), p.path("category").asText(),
                List.copyOf(services), List.copyOf(required));
    }

    private PrivescCatalog() {
    }
}
