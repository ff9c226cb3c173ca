package io.pillar.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A metric of a service's /q/metrics (Prometheus text), summed over its series: NaN when it is not there. */
final class ScrapedMetrics {

    static double value(String serviceUrl, String token, String name) {
        try {
            HttpResponse<String> response = Bench.HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl
                    + "/q/metrics")).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            double sum = Double.NaN;
            for (String line : response.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    sum = Double.isNaN(sum) ? v : sum + v;
                }
            }
            return sum;
        } catch (java.io.IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private ScrapedMetrics() {
    }
}
