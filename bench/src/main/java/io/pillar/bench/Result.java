package io.pillar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of a chaos scenario (or all its runs, summed) ended with: rows expected and present, lost and
 * duplicated; events expected (one per row) and published, phantom (for a row that is not in the database) and
 * missing; events received twice (redelivered, which consumers absorb); seconds from the faulty component being
 * back to the final state (the longest run for a total).
 */
record Result(ChaosSuite.Scenario scenario, int runs, int expected, int present, int lost, int duplicated,
        int eventsExpected, int published, int phantom, int missing, int redelivered, double drainSeconds,
        List<String> notes, List<String> unmet) {

    static Result empty(ChaosSuite.Scenario scenario) {
        return new Result(scenario, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new ArrayList<>(), new ArrayList<>());
    }

    Result named(ChaosSuite.Scenario s) {
        return new Result(s, runs, expected, present, lost, duplicated, eventsExpected, published, phantom, missing,
                redelivered, drainSeconds, notes, unmet);
    }

    Result withDuplicated(int d) {
        return new Result(scenario, runs, expected, present, lost, d, eventsExpected, published, phantom, missing,
                redelivered, drainSeconds, notes, unmet);
    }

    /** With more events expected (and what their tally found). */
    Result withEvents(int expectedMore, EventLog.Tally t) {
        return new Result(scenario, runs, expected, present, lost, duplicated, eventsExpected + expectedMore,
                published + t.published(), phantom + t.phantom(), missing + t.missing(),
                redelivered + t.redelivered(), drainSeconds, notes, unmet);
    }

    Result plus(Result r) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(r.notes);
        List<String> missed = new ArrayList<>(unmet);
        missed.addAll(r.unmet);
        return new Result(scenario, runs + r.runs, expected + r.expected, present + r.present, lost + r.lost,
                duplicated + r.duplicated, eventsExpected + r.eventsExpected, published + r.published,
                phantom + r.phantom, missing + r.missing, redelivered + r.redelivered,
                Double.isNaN(drainSeconds) || Double.isNaN(r.drainSeconds)
                        ? Double.NaN
                        : Math.max(drainSeconds, r.drainSeconds),
                all, missed);
    }

    /** 0 lost, 0 duplicated, 0 phantom, 0 missing, drained within the target, and the scenario's own targets. */
    boolean met() {
        return lost == 0 && duplicated == 0 && phantom == 0 && missing == 0 && !Double.isNaN(drainSeconds)
                && drainSeconds <= ChaosSuite.DRAIN_TARGET_SECONDS && unmet.isEmpty();
    }

    String summary() {
        return String.format("expected %d, present %d, lost %d, duplicated %d; events %d of %d, phantom %d, "
                + "missing %d, redelivered %d; drained in %s; %s", expected, present, lost, duplicated, published,
                eventsExpected, phantom, missing, redelivered, drain(), String.join("; ", notes))
                + (unmet.isEmpty() ? "" : "; NOT MET: " + String.join("; ", unmet));
    }

    private String drain() {
        return Double.isNaN(drainSeconds) ? "NOT drained" : String.format("%.1f s", drainSeconds);
    }

    /** The table: a row per scenario, and how often each note came (how the clients were answered). */
    static void print(List<Result> results) {
        System.out.println();
        System.out.println("| scenario | runs | expected | present | lost | duplicated | events expected | published "
                + "| phantom | missing | redelivered | drain (max) | met |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %s |%n",
                    r.scenario.name(), r.runs, r.expected, r.present, r.lost, r.duplicated, r.eventsExpected,
                    r.published, r.phantom, r.missing, r.redelivered, r.drain(), r.met() ? "yes" : "NO");
        }
        System.out.println();
        for (Result r : results) {
            Map<String, Integer> counted = new TreeMap<>();
            r.notes.forEach(n -> counted.merge(n.replaceAll("\\d{3,}", "N"), 1, Integer::sum));
            System.out.println(r.scenario.name() + ": " + counted);
        }
    }
}
