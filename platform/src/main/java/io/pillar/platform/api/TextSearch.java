package io.pillar.platform.api;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;

import io.pillar.platform.problem.ProblemException;

/**
 * A text search ({@code q=}) may scan a whole table: the database stops it after {@code pillar.search.timeout} (8 s,
 * under the gateway's 10 s), and the caller is told to narrow it rather than left waiting.
 */
public final class TextSearch {
    /** The query hint that makes the JDBC driver cancel the statement after so many milliseconds. */
    public static final String TIMEOUT_HINT = "jakarta.persistence.query.timeout";
    /** PostgreSQL's SQLSTATE for a statement cancelled (here: by the driver's timeout). */
    private static final String QUERY_CANCELED = "57014";

    private TextSearch() {
    }

    public static int timeoutMillis() {
        return (int) ConfigProvider.getConfig().getOptionalValue("pillar.search.timeout", Duration.class)
                .orElse(Duration.ofSeconds(8)).toMillis();
    }

    /** Runs the search; one the database stopped for running too long answers 503 saying so. */
    public static <T> T run(Supplier<T> search) {
        try {
            return search.get();
        } catch (RuntimeException e) {
            if (cancelled(e)) {
                throw new ProblemException(503, "Service Unavailable", "the text search ran longer than "
                        + timeoutMillis() / 1000 + " s and was stopped: narrow it with more filters or more words");
            }
            throw e;
        }
    }

    static boolean cancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getClass().getSimpleName().equals("QueryTimeoutException")) {
                return true;
            }
        }
        return false;
    }
}
