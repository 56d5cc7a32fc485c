package jp.akashi.probes.host;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;
import java.util.Map;

import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.MessageCode;
import jp.akashi.probes.model.ProbeMessages;

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
            MessageCode why = use != null ? code("fact.offline_needs_live", use) : code("fact.offline", f.message());
            return new Fact(f.key(), FactStatus.UNSUPPORTED, null, ProbeMessages.get().english(why), f.collectedAt(), f.probe(),
                    f.evidence(), why);
        }).toList();
    }
}
