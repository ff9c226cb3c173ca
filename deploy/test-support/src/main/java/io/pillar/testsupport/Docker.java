package io.pillar.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine can start containers here. Without a socket or DOCKER_HOST it never tries to reach one. */
final class Docker {
    private static Boolean available;

    static synchronized boolean available() {
        if (available == null) {
            boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
            available = hint && !"false".equals(System.getenv("PILLAR_TEST_DOCKER")) && probe();
        }
        return available;
    }

    private static boolean probe() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Docker() {
    }
}
