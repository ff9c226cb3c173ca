package io.pillar.findings.parser;

import java.util.List;

/**
 * What marks a format at the start of a report: JSON keys ({@code matches}) or XML elements ({@code <alertitem}). All
 * of them present make the report that format with {@code score}; at least half but not all make a near miss, which
 * the 415 answer explains.
 */
public record Marks(String format, int score, List<String> marks) {

    public Marks {
        marks = List.copyOf(marks);
        if (marks.isEmpty()) {
            throw new IllegalArgumentException("a format needs at least one mark");
        }
    }

    public int score(ReportHead head) {
        return marks.stream().allMatch(m -> present(head, m)) ? score : 0;
    }

    /** "looks like grype (has matches, artifact) but lacks matchDetails", or null. */
    public String nearMiss(ReportHead head) {
        List<String> present = marks.stream().filter(m -> present(head, m)).toList();
        if (present.size() == marks.size() || present.size() * 2 < marks.size() || present.isEmpty()) {
            return null;
        }
        List<String> missing = marks.stream().filter(m -> !present.contains(m)).toList();
        return "looks like " + format + " (has " + String.join(", ", present.stream().map(Marks::shown).toList())
                + ") but lacks " + String.join(", ", missing.stream().map(Marks::shown).toList());
    }

    private static boolean present(ReportHead head, String mark) {
        return mark.startsWith("<") ? head.element(mark.substring(1)) : head.key(mark);
    }

    private static String shown(String mark) {
        return mark.startsWith("<") ? "<" + mark.substring(1) + ">" : "\"" + mark + "\"";
    }
}
