package io.pillar.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.pillar.stack.Layout;
import io.pillar.stack.PlatformService;

/** The manifests the build renders for each service: probes, limits, and configuration from the platform's maps. */
class KubernetesManifestsTest {

    @Test
    void eachServiceHasADeploymentWithProbesLimitsAndItsOwnSecret() throws IOException {
        Path repo = Layout.findRepo(Path.of("").toAbsolutePath());
        for (PlatformService service : PlatformService.values()) {
            Path manifest = repo.resolve(service.module()).resolve("target/kubernetes/kubernetes.yml");
            assertTrue(Files.isRegularFile(manifest), manifest + " was not rendered by the build");
            JsonNode deployment = documents(manifest).stream()
                    .filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no Deployment in " + manifest));
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), service.module());
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), service.module());
            assertEquals("512Mi", container.at("/resources/limits/memory").asText(), service.module());
            assertTrue(container.get("envFrom").toString().contains("pillar-platform"), service.module());
            if (service != PlatformService.GATEWAY) {
                String env = container.get("env").toString();
                assertTrue(env.contains(service.envPrefix() + "_DB_PASSWORD") && env.contains(service.module()),
                        service.module() + " must take its database password from its own Secret: " + env);
            }
        }
    }

    private static List<JsonNode> documents(Path yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(yaml.toFile())) {
            it.forEachRemaining(docs::add);
        }
        return docs;
    }
}
