package io.pillar.stack;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A distribution the stack runs from {@code .pillar/runtime} (PostgreSQL's binaries, Keycloak, Kafka's jars). It is
 * written whole into a staging folder beside its place, listed in a manifest (its source and every file with its size),
 * and moved into place by one rename, so a folder in place is complete. One that is not (an interrupted unpack of an
 * older launcher, a file deleted or truncated by hand, another source) is unpacked again; a staging folder that a
 * killed unpack left is removed first. Processes unpacking into the same runtime folder take turns.
 */
final class Distribution {
    static final String MANIFEST = ".pillar-manifest";
    private static final String STAGING_SUFFIX = ".partial";

    /** Writes the distribution's files into an empty folder. */
    interface Unpacker {
        void unpackInto(Path staging) throws IOException;
    }

    private Distribution() {
    }

    /**
     * The distribution's folder under {@code runtime}, unpacked first if it is missing or damaged.
     *
     * @param source what it is unpacked from (a file name and size, a version): another source means another unpack
     */
    static Path install(Path runtime, String name, String source, Unpacker unpacker, Consumer<String> progress)
            throws IOException {
        return install(runtime, name, source, List.of(), unpacker, progress);
    }

    /**
     * As {@link #install(Path, String, String, Unpacker, Consumer)}, for a distribution whose files under the
     * {@code rewritten} folders change after the unpack (Keycloak's build writes {@code lib/quarkus/}): those are not
     * in the manifest, and whoever rewrites them keeps track of them.
     */
    static Path install(Path runtime, String name, String source, List<String> rewritten, Unpacker unpacker,
            Consumer<String> progress) throws IOException {
        Files.createDirectories(runtime);
        Path home = runtime.resolve(name);
        try (FileChannel lockFile = FileChannel.open(runtime.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            String damage = damage(home, source);
            if (damage == null) {
                return home;
            }
            if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
                progress.accept(name + " in " + runtime + " is not usable (" + damage + "): unpacking it again");
                deleteTree(home);
            }
            Path staging = runtime.resolve(name + STAGING_SUFFIX);
            deleteTree(staging);
            Files.createDirectories(staging);
            progress.accept("unpacking " + name + " into " + runtime);
            long t0 = System.nanoTime();
            unpacker.unpackInto(staging);
            writeManifest(staging, source, rewritten);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            String after = damage(home, source);
            if (after != null) {
                throw new IOException("unpacked " + name + " does not match its manifest: " + after);
            }
            progress.accept("unpacked " + name + " (" + Stack.secs(Duration.ofNanos(System.nanoTime() - t0))
                    + ")");
            return home;
        }
    }

    /** Removes staging folders and every distribution that does not match its manifest; returns what it removed. */
    static List<Path> removeDamaged(Path runtime) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(runtime)) {
            return removed;
        }
        try (FileChannel lockFile = FileChannel.open(runtime.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock();
                Stream<Path> children = Files.list(runtime)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.equals(".lock")) {
                    continue;
                }
                boolean staging = name.endsWith(STAGING_SUFFIX);
                if (staging || !Files.isDirectory(child) || damage(child, null) != null) {
                    deleteTree(child);
                    removed.add(child);
                }
            }
        }
        return removed;
    }

    /** Why the folder is not a complete distribution from {@code source} (any source when null), or null. */
    static String damage(Path home, String source) throws IOException {
        Path manifest = home.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Files.exists(home) ? "no manifest: its unpacking did not finish" : "not unpacked yet";
        }
        List<String> lines = Files.readAllLines(manifest);
        if (lines.isEmpty() || !lines.get(0).startsWith("source\t")) {
            return "manifest unreadable";
        }
        if (source != null && !lines.get(0).equals("source\t" + source)) {
            return "unpacked from " + lines.get(0).substring(7) + ", wanted " + source;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", 3);
            if (f.length != 3) {
                return "manifest unreadable";
            }
            Path p = home.resolve(f[2]);
            if (f[0].equals("link")) {
                if (!Files.isSymbolicLink(p) || !Files.readSymbolicLink(p).toString().equals(f[1])) {
                    return f[2] + " is missing";
                }
            } else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) != Long.parseLong(f[1])) {
                return f[2] + " is missing or has another size";
            }
        }
        return null;
    }

    private static void writeManifest(Path staging, String source, List<String> rewritten) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staging)) {
            files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> rewritten.stream().noneMatch(staging.relativize(p).toString()::startsWith))
                    .sorted().toList();
        }
        Path manifest = staging.resolve(MANIFEST);
        try (BufferedWriter out = Files.newBufferedWriter(manifest)) {
            out.write("source\t" + source + "\n");
            for (Path p : files) {
                String relative = staging.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.write("link\t" + Files.readSymbolicLink(p) + "\t" + relative + "\n");
                } else {
                    out.write("file\t" + Files.size(p) + "\t" + relative + "\n");
                }
            }
        }
        // on disk before the rename makes the folder count as complete
        try (FileChannel c = FileChannel.open(manifest, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
