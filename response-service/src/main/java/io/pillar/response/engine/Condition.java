package io.pillar.response.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The conditions of if- and while-condition steps. CACAO 2.0 names the STIX patterning grammar; Pillar evaluates the
 * subset playbooks use over variables (docs/conditions.md):
 *
 * <pre>
 * condition  := or
 * or         := and ("OR" and)*
 * and        := not ("AND" not)*
 * not        := "NOT" not | "(" condition ")" | comparison | operand
 * comparison := operand ("=" | "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "LIKE" | "MATCHES" | "IN") operand
 * operand    := __variable__[:value] | 'text' | "text" | number | true | false | "(" operand ("," operand)* ")"
 * </pre>
 *
 * Comparisons are numeric when both sides are numbers, else on text; {@code LIKE} takes SQL wildcards ({@code %},
 * {@code _}); {@code MATCHES} a Java regular expression (found anywhere); {@code IN} a parenthesised list. An operand
 * alone is true when it is {@code true} (a variable holding "true"). A variable with no value is an error, so a typo
 * never quietly takes the false branch.
 */
public final class Condition {
    private final List<String> tokens;
    private final Variables variables;
    private int at;

    private Condition(String text, Variables variables) {
        this.tokens = tokenize(text);
        this.variables = variables;
    }

    /** Evaluates the condition; an {@link IllegalArgumentException} says what is wrong with it. */
    public static boolean evaluate(String text, Variables variables) {
        Condition c = new Condition(text, variables);
        boolean value = c.or();
        if (c.at < c.tokens.size()) {
            throw new IllegalArgumentException("condition \"" + text + "\": unexpected " + c.tokens.get(c.at));
        }
        return value;
    }

    /** Parses the condition without variables: its syntax errors, or null. */
    public static String syntaxError(String text) {
        try {
            Condition c = new Condition(text, null);
            c.or();
            if (c.at < c.tokens.size()) {
                return "unexpected " + c.tokens.get(c.at);
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private boolean or() {
        boolean value = and();
        while (accept("OR")) {
            boolean right = and();
            value = value || right;
        }
        return value;
    }

    private boolean and() {
        boolean value = not();
        while (accept("AND")) {
            boolean right = not();
            value = value && right;
        }
        return value;
    }

    private boolean not() {
        if (accept("NOT")) {
            return !not();
        }
        if (peek("(")) {
            at++;
            boolean value = or();
            expect(")");
            return value;
        }
        Object left = operand();
        String op = peekOperator();
        if (op == null) {
            return "true".equalsIgnoreCase(text(left));
        }
        at++;
        Object right = operand();
        return compare(left, op, right);
    }

    private Object operand() {
        if (at >= tokens.size()) {
            throw new IllegalArgumentException("condition ends where a value was expected");
        }
        String t = tokens.get(at++);
        if (t.equals("(")) {
            List<String> list = new ArrayList<>();
            do {
                list.add(text(operand()));
            } while (accept(","));
            expect(")");
            return list;
        }
        if (t.startsWith("'") || t.startsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        if (t.startsWith("__")) {
            String name = Variables.nameOf(t);
            if (variables == null) {
                return "";
            }
            if (!variables.has(name)) {
                throw new IllegalArgumentException("condition refers to " + name + ", which has no value");
            }
            return variables.get(name);
        }
        if (t.matches("-?[0-9]+(\\.[0-9]+)?") || t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return t;
        }
        throw new IllegalArgumentException("condition: " + t + " is not a value (quote text, name variables "
                + "__like_this__)");
    }

    private static boolean compare(Object left, String op, Object right) {
        if (op.equals("IN")) {
            if (!(right instanceof List<?> list)) {
                throw new IllegalArgumentException("IN needs a list: ('a', 'b')");
            }
            return list.contains(text(left));
        }
        String l = text(left);
        String r = text(right);
        switch (op) {
            case "LIKE" :
                return l.matches(likePattern(r));
            case "MATCHES" :
                try {
                    return Pattern.compile(r).matcher(l).find();
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("MATCHES: not a regular expression: " + r);
                }
            default :
        }
        int order = number(l) != null && number(r) != null ? number(l).compareTo(number(r)) : l.compareTo(r);
        return switch (op) {
            case "=", "==" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalArgumentException("unknown operator " + op);
        };
    }

    private static String likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }

    private static BigDecimal number(String text) {
        try {
            return text.matches("-?[0-9]+(\\.[0-9]+)?") ? new BigDecimal(text) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Object value) {
        if (value instanceof List<?>) {
            throw new IllegalArgumentException("a list can only follow IN");
        }
        return (String) value;
    }

    private String peekOperator() {
        if (at >= tokens.size()) {
            return null;
        }
        String t = tokens.get(at).toUpperCase(Locale.ROOT);
        return List.of("=", "==", "!=", "<", "<=", ">", ">=", "LIKE", "MATCHES", "IN").contains(t) ? t : null;
    }

    private boolean peek(String token) {
        return at < tokens.size() && tokens.get(at).equalsIgnoreCase(token);
    }

    private boolean accept(String token) {
        if (peek(token)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new IllegalArgumentException("condition: expected " + token
                    + (at < tokens.size() ? " before " + tokens.get(at) : " at the end"));
        }
    }

    private static List<String> tokenize(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("condition is empty");
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("condition: text opened at " + i + " is not closed");
                }
                out.add(text.substring(i, end + 1));
                i = end + 1;
            } else if ("(),".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                int end = i + 1 < text.length() && text.charAt(i + 1) == '=' ? i + 2 : i + 1;
                String op = text.substring(i, end);
                if (op.equals("!")) {
                    throw new IllegalArgumentException("condition: ! must be followed by =");
                }
                out.add(op);
                i = end;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "(),=!<>'\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
