package io.pillar.contracts.api;

import java.util.List;

/**
 * One page of a cursor-paginated list, serialized as {@code {"items": [...], "next_cursor": "..."}}; next_cursor is
 * null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Builds a page from up to limit + 1 rows: the extra row only tells that there is a next page. */
    public static <R, T> Page<T> of(List<R> rows, int limit, java.util.function.Function<R, T> toItem,
            java.util.function.Function<R, Cursor> cursorOf) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(toItem).toList(), next);
    }

    /** @throws IllegalArgumentException when limit is out of range */
    public static int checkLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }
}
