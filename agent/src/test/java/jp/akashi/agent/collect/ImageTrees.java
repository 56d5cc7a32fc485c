package jp.akashi.agent.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.ImageHostAccess;
import jp.akashi.probes.model.Fact;

/** Small root trees for the offline-image tests, collected through the real probes as {@code collect --root} does. */
final class ImageTrees {
    private ImageTrees() {
    }

    /** The facts of one collection of the image at {@code root}, by key. */
    static Map<String, Fact> collect(Path root) throws IOException {
        return new ReportBuilder(new ImageHostAccess(root), Clock.systemUTC(), "test")
                .collect(ProbeContext.LINUX, null, 0, Map.of(), (p, i, n) -> { })
                .facts().stream().collect(Collectors.toMap(Fact::key, Function.identity(), (a, b) -> a));
    }

    /** Writes {@code content} to {@code rel} under the image root, making its directories. */
    static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
