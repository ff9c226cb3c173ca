package io.pillar.findings.posture;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The review report as one HTML page with SVG pictures. Colours are SVG presentation attributes and the page has no
 * script and no style element, so it shows as meant under a strict Content-Security-Policy.
 */
public final class HtmlReport {
    private static final String[] STATUSES = {"met", "high_risk", "medium_risk", "no_evidence", "not_applicable"};

    public static String render(PostureReport.Model m) {
        StringBuilder h = new StringBuilder(32_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Well-Architected review: ")
                .append(esc(m.scope())).append("</title></head><body>\n");
        h.append("<h1>Well-Architected Security Pillar review</h1>\n<p>Scope <strong>").append(esc(m.scope()))
                .append("</strong>, computed ").append(esc(m.computedAt())).append(" from live evidence; catalog ")
                .append(esc(m.catalog())).append(" (").append(esc(m.framework())).append(").</p>\n");
        h.append("<h2>Summary</h2>\n<ul>");
        for (String s : STATUSES) {
            h.append("<li>").append(s.replace('_', ' ')).append(": ").append(m.summary().path(s).asInt())
                    .append("</li>");
        }
        h.append("</ul>\n");
        heatmap(h, m);
        riskBars(h, m);
        trend(h, m.trend());
        plan(h, m.plan());
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void heatmap(StringBuilder h, PostureReport.Model m) {
        int cell = 90;
        int left = 70;
        int width = left + cell * m.columns().size() + 10;
        int height = 40 + 28 * m.rows().size();
        h.append("<h2>Heatmap of questions by scope</h2>\n<svg role=\"img\" aria-label=\"heatmap\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int c = 0; c < m.columns().size(); c++) {
            h.append("<text x=\"").append(left + c * cell + 4).append("\" y=\"20\" font-size=\"11\">")
                    .append(esc(shorten(m.columns().get(c), 14))).append("</text>");
        }
        for (int r = 0; r < m.rows().size(); r++) {
            PostureReport.Row row = m.rows().get(r);
            int y = 30 + r * 28;
            h.append("<text x=\"4\" y=\"").append(y + 17).append("\" font-size=\"12\">").append(esc(row.question()))
                    .append("<title>").append(esc(row.title())).append("</title></text>");
            for (int c = 0; c < row.cells().size(); c++) {
                int[] v = row.cells().get(c);
                h.append("<rect x=\"").append(left + c * cell).append("\" y=\"").append(y).append("\" width=\"")
                        .append(cell - 4).append("\" height=\"24\" fill=\"").append(PostureReport.colour(v))
                        .append("\"><title>").append(esc(row.question())).append(" in ")
                        .append(esc(m.columns().get(c))).append(": ").append(v[0]).append(" high, ").append(v[1])
                        .append(" medium, ").append(v[2]).append(" met of ").append(v[3]).append("</title></rect>")
                        .append("<text x=\"").append(left + c * cell + 6).append("\" y=\"").append(y + 16)
                        .append("\" font-size=\"11\" fill=\"#ffffff\">").append(v[0]).append("H ").append(v[1])
                        .append("M ").append(v[2]).append('/').append(v[3]).append("</text>");
            }
        }
        h.append("</svg>\n<p>Red: a practice at high risk; orange: at medium risk; green: every practice met; grey: "
                + "some without evidence. H high, M medium, met of all.</p>\n");
    }

    private static void riskBars(StringBuilder h, PostureReport.Model m) {
        int max = 1;
        for (PostureReport.Row r : m.rows()) {
            max = Math.max(max, r.cells().get(0)[0] + r.cells().get(0)[1]);
        }
        int scale = 300 / max;
        h.append("<h2>High and medium risks per question</h2>\n<svg role=\"img\" aria-label=\"risks per question\" "
                + "width=\"480\" height=\"").append(20 + 24 * m.rows().size())
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int i = 0; i < m.rows().size(); i++) {
            int[] v = m.rows().get(i).cells().get(0);
            int y = 10 + i * 24;
            h.append("<text x=\"4\" y=\"").append(y + 14).append("\" font-size=\"12\">")
                    .append(esc(m.rows().get(i).question())).append("</text>")
                    .append("<rect x=\"70\" y=\"").append(y).append("\" width=\"").append(v[0] * scale)
                    .append("\" height=\"18\" fill=\"#c0392b\"/>").append("<rect x=\"").append(70 + v[0] * scale)
                    .append("\" y=\"").append(y).append("\" width=\"").append(v[1] * scale)
                    .append("\" height=\"18\" fill=\"#e67e22\"/>").append("<text x=\"")
                    .append(76 + (v[0] + v[1]) * scale).append("\" y=\"").append(y + 14)
                    .append("\" font-size=\"11\">").append(v[0]).append(" high, ").append(v[1])
                    .append(" medium</text>");
        }
        h.append("</svg>\n");
    }

    private static void trend(StringBuilder h, List<PostureSnapshots.Point> points) {
        h.append("<h2>Trend</h2>\n");
        if (points.isEmpty()) {
            h.append(
                    "<p>No daily snapshot of this scope yet (snapshots are kept for the organisation and teams).</p>\n");
            return;
        }
        int width = 480;
        int height = 160;
        int max = 1;
        for (PostureSnapshots.Point p : points) {
            for (String s : STATUSES) {
                max = Math.max(max, p.summary().path(s).asInt());
            }
        }
        h.append("<svg role=\"img\" aria-label=\"trend\" width=\"").append(width).append("\" height=\"")
                .append(height + 20).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        String[][] lines = {{"met", "#27ae60"}, {"high_risk", "#c0392b"}, {"medium_risk", "#e67e22"},
                {"no_evidence", "#95a5a6"}};
        for (String[] line : lines) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                int x = points.size() == 1 ? width / 2 : 10 + i * (width - 20) / (points.size() - 1);
                int y = height - points.get(i).summary().path(line[0]).asInt() * (height - 10) / max;
                pts.append(x).append(',').append(y).append(' ');
                h.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"3\" fill=\"")
                        .append(line[1]).append("\"><title>").append(points.get(i).day()).append(' ').append(line[0])
                        .append(": ").append(points.get(i).summary().path(line[0]).asInt()).append("</title></circle>");
            }
            h.append("<polyline fill=\"none\" stroke=\"").append(line[1]).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
        }
        h.append("<text x=\"10\" y=\"").append(height + 16).append("\" font-size=\"11\">")
                .append(points.get(0).day()).append(" to ").append(points.get(points.size() - 1).day())
                .append(": met (green), high risk (red), medium risk (orange), no evidence (grey)</text></svg>\n");
    }

    private static void plan(StringBuilder h, List<JsonNode> items) {
        h.append("<h2>Improvement plan</h2>\n");
        if (items.isEmpty()) {
            h.append("<p>Nothing open.</p>\n");
            return;
        }
        h.append("<table border=\"1\" cellpadding=\"4\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Best "
                + "practice</th><th scope=\"col\">Status</th><th scope=\"col\">Risk removed</th>"
                + "<th scope=\"col\">What to do</th></tr></thead><tbody>");
        for (JsonNode i : items) {
            h.append("<tr><td>").append(i.get("rank").asInt()).append("</td><td>")
                    .append(esc(i.get("best_practice").asText())).append(' ').append(esc(i.get("title").asText()))
                    .append("</td><td>").append(esc(i.get("status").asText())).append("</td><td>")
                    .append(PlanText.weight(i)).append("</td><td>").append(esc(PlanText.of(i)))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private HtmlReport() {
    }
}
