package io.pillar.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
