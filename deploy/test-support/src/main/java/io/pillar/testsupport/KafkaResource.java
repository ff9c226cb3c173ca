package io.pillar.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the application's Kafka clients at the JVM's shared real broker ({@link SharedKafka}). */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private String bootstrap;

    @Override
    public Map<String, String> start() {
        bootstrap = SharedKafka.bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(bootstrap, new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, String.class));
    }

    @Override
    public void stop() {
        // the broker is shared by every test of this JVM and stops with it
    }
}
