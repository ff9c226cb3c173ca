package io.pillar.platform.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a folder of rule or mapping files looks like now: it changes when a file is added, edited or removed. */
public final class FolderSignature {

    /** File names, sizes and modification times, or the reason the folder cannot be read. */
    public static String of(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder s = new StringBuilder();
            for (Path p : files.sorted().toList()) {
                s.append(p.getFileName()).append(':').append(Files.size(p)).append(':')
                        .append(Files.getLastModifiedTime(p).toMillis()).append(';');
            }
            return s.toString();
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
    }

    private FolderSignature() {
    }
}
