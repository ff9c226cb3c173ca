package io.pillar.findings.posture;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The review report as PDF: the same model and pictures as the HTML report, drawn on A4 pages. */
public final class PdfReport {
    private static final double MARGIN = 40;
    private static final String[] STATUSES = {"met", "high_risk", "medium_risk", "no_evidence", "not_applicable"};

    public static byte[] render(PostureReport.Model m) {
        PdfCanvas pdf = new PdfCanvas();
        double y = MARGIN + 10;
        pdf.text(MARGIN, y, 18, true, "Well-Architected Security Pillar review");
        y += 20;
        pdf.text(MARGIN, y, 10, false, "Scope " + m.scope() + ", computed " + m.computedAt() + ", catalog "
                + m.catalog());
        y += 22;
        StringBuilder summary = new StringBuilder();
        for (String s : STATUSES) {
            summary.append(s.replace('_', ' ')).append(' ').append(m.summary().path(s).asInt()).append("   ");
        }
        pdf.text(MARGIN, y, 11, false, summary.toString().trim());
        y += 26;

        pdf.text(MARGIN, y, 13, true, "Heatmap of questions by scope");
        y += 14;
        double cell = Math.min(70, (PdfCanvas.WIDTH - 2 * MARGIN - 50) / m.columns().size());
        for (int c = 0; c < m.columns().size(); c++) {
            pdf.text(MARGIN + 50 + c * cell, y + 8, 7, false, HtmlReport.shorten(m.columns().get(c), 16));
        }
        y += 14;
        for (PostureReport.Row row : m.rows()) {
            pdf.text(MARGIN, y + 12, 9, false, row.question());
            for (int c = 0; c < row.cells().size(); c++) {
                int[] v = row.cells().get(c);
                pdf.rect(MARGIN + 50 + c * cell, y, cell - 3, 17, PostureReport.colour(v));
                pdf.whiteText(MARGIN + 53 + c * cell, y + 12, 8, v[0] + "H " + v[1] + "M " + v[2] + "/" + v[3]);
            }
            y += 20;
        }
        y += 6;
        pdf.text(MARGIN, y, 8, false, "Red: a practice at high risk; orange: medium risk; green: all met; grey: some"
                + " without evidence.");
        y += 24;

        pdf.text(MARGIN, y, 13, true, "High and medium risks per question");
        y += 10;
        int max = 1;
        for (PostureReport.Row r : m.rows()) {
            max = Math.max(max, r.cells().get(0)[0] + r.cells().get(0)[1]);
        }
        double scale = 300.0 / max;
        for (PostureReport.Row r : m.rows()) {
            int[] v = r.cells().get(0);
            pdf.text(MARGIN, y + 11, 9, false, r.question());
            pdf.rect(MARGIN + 50, y, v[0] * scale, 13, "#c0392b");
            pdf.rect(MARGIN + 50 + v[0] * scale, y, v[1] * scale, 13, "#e67e22");
            pdf.text(MARGIN + 56 + (v[0] + v[1]) * scale, y + 10, 8, false, v[0] + " high, " + v[1] + " medium");
            y += 16;
        }
        y += 16;

        pdf.text(MARGIN, y, 13, true, "Trend");
        y += 12;
        y = trend(pdf, m.trend(), y);

        pdf.newPage();
        y = MARGIN + 10;
        pdf.text(MARGIN, y, 13, true, "Improvement plan");
        y += 18;
        if (m.plan().isEmpty()) {
            pdf.text(MARGIN, y, 10, false, "Nothing open.");
        }
        for (JsonNode i : m.plan()) {
            List<String> lines = PdfCanvas.wrap(PlanText.of(i), 8, PdfCanvas.WIDTH - 2 * MARGIN - 20);
            if (y + 14 + 10 * lines.size() > PdfCanvas.HEIGHT - MARGIN) {
                pdf.newPage();
                y = MARGIN + 10;
            }
            pdf.text(MARGIN, y, 9, true, i.get("rank").asInt() + ". " + i.get("best_practice").asText() + " "
                    + HtmlReport.shorten(i.get("title").asText(), 70) + " (" + i.get("status").asText()
                    + ", risk removed " + PlanText.weight(i) + ")");
            y += 11;
            for (String line : lines) {
                pdf.text(MARGIN + 12, y, 8, false, line);
                y += 10;
            }
            y += 6;
        }
        return pdf.toBytes();
    }

    private static double trend(PdfCanvas pdf, List<PostureSnapshots.Point> points, double top) {
        if (points.isEmpty()) {
            pdf.text(MARGIN, top + 10, 9, false, "No daily snapshot of this scope yet.");
            return top + 20;
        }
        double width = 400;
        double height = 110;
        int max = 1;
        for (PostureSnapshots.Point p : points) {
            for (String s : STATUSES) {
                max = Math.max(max, p.summary().path(s).asInt());
            }
        }
        String[][] lines = {{"met", "#27ae60"}, {"high_risk", "#c0392b"}, {"medium_risk", "#e67e22"},
                {"no_evidence", "#95a5a6"}};
        for (String[] line : lines) {
            double[] xs = new double[points.size()];
            double[] ys = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                xs[i] = MARGIN + (points.size() == 1 ? width / 2 : i * width / (points.size() - 1));
                ys[i] = top + height - points.get(i).summary().path(line[0]).asInt() * height / max;
                pdf.rect(xs[i] - 2, ys[i] - 2, 4, 4, line[1]);
            }
            pdf.polyline(xs, ys, line[1], 1.5);
        }
        pdf.text(MARGIN, top + height + 14, 8, false, points.get(0).day() + " to "
                + points.get(points.size() - 1).day() + ": met (green), high risk (red), medium risk (orange), no "
                + "evidence (grey)");
        return top + height + 24;
    }

    private PdfReport() {
    }
}
