package io.pillar.inventory.rules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pillar.platform.files.FolderSignature;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The rules in force. Loaded from the rules directory at start and again whenever a file in it changes; a reload
 * with any error (a rule that does not compile, a broken example) is refused as a whole and the previous rule set
 * stays in force, its errors shown at {@code GET /api/v1/rules} and in the log.
 */
@ApplicationScoped
@Startup
public class RuleBook {
    private static final Logger LOG = Logger.getLogger(RuleBook.class);

    /** The rules in force, when they were loaded, and the errors of the last attempt to load the directory. */
    public record RuleSet(List<Rule> rules, Instant loadedAt, List<RuleLoader.LoadError> lastErrors,
            Instant lastAttempt) {

        /** Whether any rule reads the raw configuration (else rules are given the document without it). */
        public boolean readConfiguration() {
            return rules.stream().anyMatch(Rule::readsConfiguration);
        }
    }

    /** Fired after a new rule set is in force, so existing assets can be evaluated against it. */
    public record Changed(RuleSet rules) {
    }

    @ConfigProperty(name = "pillar.inventory.rules.dir", defaultValue = "rules")
    Path dir;
    @Inject
    Event<Changed> changed;

    private volatile RuleSet current = new RuleSet(List.of(), Instant.EPOCH, List.of(), Instant.EPOCH);
    private volatile String signature = "";

    RuleBook() {
    }

    @jakarta.annotation.PostConstruct
    void start() {
        RuleLoader.Result result = RuleLoader.load(dir.toAbsolutePath());
        signature = signature();
        Instant now = Instant.now();
        current = new RuleSet(List.copyOf(result.rules()), now, List.copyOf(result.errors()), now);
        LOG.infof("%d rules in force from %s", result.rules().size(), dir.toAbsolutePath());
        result.errors().forEach(e -> LOG.warnf("rule refused: %s", e));
    }

    public RuleSet current() {
        return current;
    }

    @Scheduled(every = "${pillar.inventory.rules.check-every:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkForChanges() {
        String now = signature();
        if (!now.equals(signature)) {
            reload();
        }
    }

    /** Loads the directory again; in force only when every file loads. */
    public synchronized RuleSet reload() {
        signature = signature();
        RuleLoader.Result result = RuleLoader.load(dir.toAbsolutePath());
        Instant now = Instant.now();
        RuleSet previous = current;
        if (!result.errors().isEmpty()) {
            current = new RuleSet(previous.rules(), previous.loadedAt(), List.copyOf(result.errors()), now);
            LOG.warnf("rules in %s not reloaded, the %d rules loaded at %s stay in force:", dir.toAbsolutePath(),
                    previous.rules().size(), previous.loadedAt());
            result.errors().forEach(e -> LOG.warnf("  %s", e));
            return current;
        }
        current = new RuleSet(List.copyOf(result.rules()), now, List.of(), now);
        LOG.infof("%d rules in force from %s", result.rules().size(), dir.toAbsolutePath());
        changed.fireAsync(new Changed(current));
        return current;
    }

    private String signature() {
        return FolderSignature.of(dir);
    }
}
