package jp.akashi.agent.update;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces the agent's jar keeping the one it replaces as {@code <jar>.previous} beside it, and
 * puts the previous one back on rollback. Each step is a copy to a temporary file in the same
 * directory followed by an atomic rename, so the jar is whole at every moment (a crash leaves
 * the old or the new jar, never half of one).
 */
public final class JarSwap {
    private JarSwap() {
    }

    public static Path previous(Path jar) {
        return jar.resolveSibling(jar.getFileName() + ".previous");
    }

    /** Installs {@code newJar} as {@code jar}; the old jar is kept as {@link #previous}. */
    public static void install(Path newJar, Path jar) throws IOException {
        copyInto(jar, previous(jar));
        copyInto(newJar, jar);
    }

    /** Puts {@link #previous} back as {@code jar} (the previous file stays, for another rollback). */
    public static void rollBack(Path jar) throws IOException {
        copyInto(previous(jar), jar);
    }

    private static void copyInto(Path source, Path target) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
