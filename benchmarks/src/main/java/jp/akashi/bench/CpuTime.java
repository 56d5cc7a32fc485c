package jp.akashi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process used, from /proc (Linux). On a shared machine wall-clock throughput
 * depends on what else runs; CPU per operation does much less, so benchmarks print both.
 */
final class CpuTime {
    private CpuTime() {
    }

    /** User + system CPU milliseconds of process {@code pid}, or -1 when unknown. */
    static long ofProcess(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU milliseconds of the JIT compiler threads of process {@code pid} ("C1/C2 CompilerThread…"),
     * or -1 when unknown. The JVM ends idle compiler threads, and an ended thread's time is no longer
     * listed: a figure "without the compiler" computed from this errs on the high side.
     */
    static long ofCompilerThreads(long pid) {
        if (pid <= 0) {
            return -1;
        }
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException e) {
                    // the thread ended while listed
                }
            }
            return ticks * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
