package io.pillar.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes ASFF reports of n findings (about 700 bytes each), distinct per run prefix. */
final class ReportGenerator {
    private static final String[] SEVERITY = {"LOW", "MEDIUM", "HIGH", "CRITICAL", "INFORMATIONAL"};

    static Path asff(Path dir, String run, int n) throws IOException {
        Path file = dir.resolve("asff-" + run + "-" + n + ".json");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"Findings\":[");
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.write(',');
                }
                String account = String.format("1111%08d", i % 50);
                out.write(
                        ("{\"SchemaVersion\":\"2018-10-08\",\"Id\":\"arn:aws:securityhub:eu-west-1:%s:finding/%s-%d\","
                                + "\"ProductArn\":\"arn:aws:securityhub:eu-west-1::product/aws/securityhub\","
                                + "\"ProductName\":\"Security Hub\",\"GeneratorId\":\"security-control/S3.%d\","
                                + "\"AwsAccountId\":\"%s\",\"Types\":[\"Software and Configuration Checks\"],"
                                + "\"CreatedAt\":\"2026-11-01T10:00:00Z\",\"UpdatedAt\":\"2026-11-01T10:00:00Z\","
                                + "\"Severity\":{\"Label\":\"%s\"},\"Title\":\"Control S3.%d failed for bucket %d\","
                                + "\"Description\":\"Generated finding %d of run %s for the benchmark.\","
                                + "\"Resources\":[{\"Type\":\"AwsS3Bucket\",\"Id\":\"arn:aws:s3:::bench-%s-%d\","
                                + "\"Region\":\"eu-west-1\"}],"
                                + "\"Compliance\":{\"Status\":\"FAILED\",\"SecurityControlId\":\"S3.%d\"}}")
                                .formatted(account, run, i, i % 20, account, SEVERITY[i % 5], i % 20, i, i, run, run, i,
                                        i % 20));
            }
            out.write("]}");
        }
        return file;
    }

    private ReportGenerator() {
    }
}
