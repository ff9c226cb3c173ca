package io.pillar.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a start is doing, with the time since it began. Each step is a plain line ({@code [  12.3 s] unpacking ...}), as
 * a log wants it; on a terminal a status line below them also shows the current step and keeps counting while a step
 * takes long.
 */
final class Progress implements Consumer<String>, AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private final long t0 = System.nanoTime();
    private volatile String current = "starting";
    private final Thread ticker;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.ticker = terminal ? Thread.ofPlatform().daemon().start(this::tick) : null;
    }

    /** A terminal when {@code ./pillar} says its output is one (it checks with {@code test -t 1}). */
    static Progress onStandardOutput() {
        return new Progress(System.out, "1".equals(System.getenv("PILLAR_TTY")));
    }

    @Override
    public synchronized void accept(String step) {
        current = step;
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println("[" + elapsed() + "] " + step);
        redraw();
    }

    private void tick() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                redraw();
            }
        }
    }

    private void redraw() {
        if (terminal) {
            out.print("\r\033[K  ... " + current + " (" + elapsed() + ")");
            out.flush();
        }
    }

    private String elapsed() {
        return String.format("%6s", Stack.secs(Duration.ofNanos(System.nanoTime() - t0)));
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.interrupt();
            out.print("\r\033[K");
            out.flush();
        }
    }
}
