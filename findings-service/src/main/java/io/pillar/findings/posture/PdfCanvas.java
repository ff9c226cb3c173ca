package io.pillar.findings.posture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small PDF 1.4 writer for the review report: A4 pages, Helvetica text, filled rectangles and lines, coordinates in
 * points from the top left. Text is Latin-1 (WinAnsi); other characters print as '?'.
 */
final class PdfCanvas {
    static final int WIDTH = 595;
    static final int HEIGHT = 842;
    private final List<StringBuilder> pages = new ArrayList<>();

    PdfCanvas() {
        newPage();
    }

    void newPage() {
        pages.add(new StringBuilder());
    }

    private StringBuilder page() {
        return pages.get(pages.size() - 1);
    }

    void text(double x, double y, double size, boolean bold, String text) {
        page().append("BT /").append(bold ? "F2 " : "F1 ").append(num(size)).append(" Tf 0 0 0 rg ").append(num(x))
                .append(' ').append(num(HEIGHT - y)).append(" Td (").append(escape(text)).append(") Tj ET\n");
    }

    void whiteText(double x, double y, double size, String text) {
        page().append("BT /F1 ").append(num(size)).append(" Tf 1 1 1 rg ").append(num(x)).append(' ')
                .append(num(HEIGHT - y)).append(" Td (").append(escape(text)).append(") Tj ET\n");
    }

    void rect(double x, double y, double w, double h, String rgb) {
        page().append(colour(rgb)).append(" rg ").append(num(x)).append(' ').append(num(HEIGHT - y - h)).append(' ')
                .append(num(w)).append(' ').append(num(h)).append(" re f\n");
    }

    void polyline(double[] xs, double[] ys, String rgb, double width) {
        if (xs.length == 0) {
            return;
        }
        StringBuilder p = page().append(colour(rgb)).append(" RG ").append(num(width)).append(" w ");
        for (int i = 0; i < xs.length; i++) {
            p.append(num(xs[i])).append(' ').append(num(HEIGHT - ys[i])).append(i == 0 ? " m " : " l ");
        }
        p.append("S\n");
    }

    /** The lines of a text wrapped to a width, by an average Helvetica character width. */
    static List<String> wrap(String text, double size, double width) {
        int perLine = Math.max(10, (int) (width / (size * 0.5)));
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word.length() > perLine ? word.substring(0, perLine) : word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        int pageCount = pages.size();
        // objects: 1 catalog, 2 pages, 3 font, 4 bold font, then per page a page and its content
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pageCount; i++) {
            kids.append(5 + 2 * i).append(" 0 R ");
        }
        object(out, offsets, "<< /Type /Catalog /Pages 2 0 R >>");
        object(out, offsets, "<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pageCount + " >>");
        object(out, offsets, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        object(out, offsets,
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
        for (int i = 0; i < pageCount; i++) {
            object(out, offsets, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + WIDTH + " " + HEIGHT
                    + "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " + (6 + 2 * i) + " 0 R >>");
            byte[] content = pages.get(i).toString().getBytes(StandardCharsets.ISO_8859_1);
            object(out, offsets, "<< /Length " + content.length + " >>\nstream\n"
                    + new String(content, StandardCharsets.ISO_8859_1) + "endstream");
        }
        int xref = out.size();
        StringBuilder x = new StringBuilder("xref\n0 ").append(offsets.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            x.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
        }
        x.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        write(out, x.toString());
        return out.toByteArray();
    }

    private static void object(ByteArrayOutputStream out, List<Integer> offsets, String body) {
        offsets.add(out.size());
        write(out, offsets.size() + " 0 obj\n" + body + "\nendobj\n");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')') {
                s.append('\\').append(c);
            } else if (c == '\u2026') {
                s.append("...");
            } else if (c < 32 || c > 255) {
                s.append('?');
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static String colour(String hex) {
        int r = Integer.parseInt(hex.substring(1, 3), 16);
        int g = Integer.parseInt(hex.substring(3, 5), 16);
        int b = Integer.parseInt(hex.substring(5, 7), 16);
        return num(r / 255.0) + " " + num(g / 255.0) + " " + num(b / 255.0);
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }
}
