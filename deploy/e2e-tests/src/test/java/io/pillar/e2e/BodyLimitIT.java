package io.pillar.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A report announced larger than 100 MB is refused with 413 from its headers alone, by the gateway and by the
 * services behind it, before any of the body is read; so is any body over 1 MB where no report is imported.
 */
class BodyLimitIT {
    private static final long OVER_LIMIT = 100L * 1024 * 1024 + 1;

    @ParameterizedTest
    @CsvSource({"PILLAR_GATEWAY_URL, /api/v1/findings/imports", "PILLAR_GATEWAY_URL, /api/v1/assets/imports",
            "PILLAR_FINDINGS_URL, /api/v1/findings/imports", "PILLAR_INVENTORY_URL, /api/v1/assets/imports",
            "PILLAR_GATEWAY_URL, /api/v1/identity/imports", "PILLAR_IDENTITY_URL, /api/v1/identity/imports",
            "PILLAR_GATEWAY_URL, /api/v1/incidents"})
    void anOversizedReportIsRefusedBeforeItsBodyIsRead(String base, String path) throws Exception {
        URI uri = URI.create(PlatformUnderTest.get(base) + path);
        String token = Keycloak.integration();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + OVER_LIMIT + "\r\n\r\n{\"findings\": [").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 413"), base + path + " answered " + status);
        }
    }
}
