package io.pillar.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the lines a process appends to its log, as they come (whole lines only). */
final class LogFollower implements AutoCloseable {
    private final Path log;
    private long position;
    private final StringBuilder partial = new StringBuilder();
    private RandomAccessFile file;

    LogFollower(Path log, long from) {
        this.log = log;
        this.position = from;
    }

    List<String> newLines() {
        List<String> lines = new ArrayList<>();
        try {
            if (file == null) {
                if (!Files.exists(log)) {
                    return lines;
                }
                file = new RandomAccessFile(log.toFile(), "r");
            }
            long length = file.length();
            if (length <= position) {
                return lines;
            }
            byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
            file.seek(position);
            file.readFully(bytes);
            position += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                lines.add(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
        } catch (IOException e) {
            // the log is only shown; the supervisor's state is what counts
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
