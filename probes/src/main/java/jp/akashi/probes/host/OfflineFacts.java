package jp.akashi.probes.host;

import java.util.List;
import java.util.Map;

import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;

/**
 * After a collection from an {@link ImageHostAccess}: a fact that failed because its probe needed
 * the running system (a command, {@code /proc}, …) is not an error of the host but a question an
 * image cannot answer, so it becomes UNSUPPORTED with that reason. Facts the probe could read
 * from files stay as they are.
 */
public final class OfflineFacts {
    private OfflineFacts() {
    }

    /** @param liveUses per probe id, the first live-only thing it asked for ({@link ImageHostAccess#liveUses()}) */
    public static List<Fact> mark(List<Fact> facts, Map<String, String> liveUses) {
        return facts.stream().map(f -> {
            String use = f.probe() == null ? null : liveUses.get(f.probe());
            boolean offline = f.status() == FactStatus.ERROR
                    && (use != null || (f.message() != null && f.message().contains(ImageHostAccess.OFFLINE)));
            if (!offline) {
                return f;
            }
            String why = "not available from an offline image: "
                    + (use != null ? use + " needs the running system" : f.message());
            return new Fact(f.key(), FactStatus.UNSUPPORTED, null, why, f.collectedAt(), f.probe(), f.evidence());
        }).toList();
    }
}
