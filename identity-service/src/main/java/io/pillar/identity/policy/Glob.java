package io.pillar.identity.policy;

/**
 * IAM's wildcard matching: {@code *} any run of characters, {@code ?} any one character. Action names compare without
 * regard to case; resource ARNs with it, as IAM does.
 */
public final class Glob {

    public static boolean matches(String p, String v, boolean ignoreCase) {
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || same(p.charAt(pi), v.charAt(vi), ignoreCase))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }

    /** Whether a pattern holds a wildcard. */
    public static boolean isPattern(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    private Glob() {
    }
}
