package io.pillar.findings.parser;

/** Where a parser hands what it read, in report order; {@code index} counts records from 0 across the report. */
public interface FindingSink {

    void accept(NormalizedFinding finding);

    /** A record that is well-formed JSON but not a finding this format allows, and why. */
    void reject(long index, String reason);
}
