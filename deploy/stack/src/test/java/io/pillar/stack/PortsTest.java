package io.pillar.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreDistinctAndBelowTheEphemeralRange() {
        for (int run = 0; run < 50; run++) {
            Ports p = Ports.free();
            Set<Integer> ports = p.environment().entrySet().stream().filter(e -> e.getKey().endsWith("_PORT"))
                    .map(e -> Integer.valueOf(e.getValue())).collect(Collectors.toSet());
            assertEquals(10, ports.size(), "ten distinct ports: " + p);
            assertTrue(ports.stream().allMatch(port -> port >= 20_000 && port < 32_000), p.toString());
        }
    }

    @Test
    void anEmptyPortVariableMeansTheDefaultAndAWrongOneIsNamed() {
        Ports ports = Ports.fromEnvironment(Map.of("PILLAR_GATEWAY_PORT", "", "PILLAR_KAFKA_PORT", "19092"));
        assertEquals(8080, ports.gateway());
        assertEquals(19092, ports.kafka());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Ports.fromEnvironment(Map.of("PILLAR_POSTGRES_PORT", "54x")));
        assertTrue(wrong.getMessage().contains("PILLAR_POSTGRES_PORT"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ports.fromEnvironment(Map.of("PILLAR_GATEWAY_PORT", "0")));
    }
}
