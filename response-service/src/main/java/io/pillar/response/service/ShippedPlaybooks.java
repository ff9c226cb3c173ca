package io.pillar.response.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pillar.platform.security.Caller;
import io.quarkus.runtime.StartupEvent;

/**
 * The playbooks Pillar ships (src/main/resources/playbooks), imported at start as shared playbooks every team reads
 * and runs. Importing the same document again makes no new version, so a restart changes nothing; a changed file
 * becomes a new version.
 */
@ApplicationScoped
public class ShippedPlaybooks {
    private static final Logger LOG = Logger.getLogger(ShippedPlaybooks.class);
    public static final List<String> FILES = List.of("exposed-access-key.json", "public-bucket-restricted-data.json",
            "compromised-instance.json", "critical-vulnerability-internet-facing.json",
            "privileged-login-without-mfa.json");
    private static final Caller PILLAR = new Caller("pillar", Set.of(), true, true, true, "response-service");
    @Inject
    PlaybookService playbooks;
    @ConfigProperty(name = "pillar.response.shipped-playbooks.enabled", defaultValue = "true")
    boolean enabled;

    void start(@Observes StartupEvent started) {
        if (!enabled) {
            return;
        }
        for (String file : FILES) {
            try {
                var imported = playbooks.importPlaybook(read(file), null, PILLAR);
                if (imported.created()) {
                    LOG.infof("shipped playbook %s imported as version %d", file, imported.version());
                }
            } catch (RuntimeException e) {
                LOG.errorf("shipped playbook %s not imported: %s", file, e.getMessage());
            }
        }
    }

    public static String read(String file) {
        try (InputStream in = ShippedPlaybooks.class.getResourceAsStream("/playbooks/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no shipped playbook " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
