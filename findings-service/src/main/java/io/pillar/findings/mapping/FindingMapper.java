package io.pillar.findings.mapping;

import io.pillar.contracts.api.Cursor;
import io.pillar.findings.Finding;

public final class FindingMapper {

    public static FindingView toView(Finding f) {
        return new FindingView(f.id, f.classUid, f.title, f.description, f.severityId, f.status, f.product, f.ruleUid,
                f.team, f.firstSeen, f.lastSeen, f.occurrences);
    }

    public static Cursor cursorOf(Finding f) {
        return new Cursor(f.createdAt, f.id);
    }

    private FindingMapper() {
    }
}
