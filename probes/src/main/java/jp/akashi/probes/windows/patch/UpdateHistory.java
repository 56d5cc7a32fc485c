package jp.akashi.probes.windows.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jp.akashi.probes.windows.WinValues;

/** The Windows Update history ({@code windows-update.ps1}, section {@code history}). */
public final class UpdateHistory {
    /** IUpdateHistoryEntry.Operation: 1 installation. ResultCode: 2 succeeded, 3 succeeded with errors. */
    private static final long INSTALLATION = 1;

    private UpdateHistory() {
    }

    /**
     * Pure: the time of the most recent successful installation other than a definition update.
     * Throws {@link IllegalArgumentException} when the section has no item list.
     */
    public static Optional<Instant> lastInstall(JsonNode history) {
        if (WinValues.field(history, "items") == null) {
            throw new IllegalArgumentException("no items list in the Windows Update history");
        }
        Instant last = null;
        for (JsonNode e : WinValues.items(history, "items")) {
            Long op = WinValues.integer(e, "operation");
            Long result = WinValues.integer(e, "result");
            Instant at = WinValues.instant(e, "date");
            if (op == null || op != INSTALLATION || result == null || (result != 2 && result != 3) || at == null) {
                continue;
            }
            boolean definition = WinValues.items(e, "categories").stream()
                    .anyMatch(c -> c.asText().toLowerCase(Locale.ROOT).equals(UpdateCategories.DEFINITION_UPDATES));
            if (!definition && (last == null || at.isAfter(last))) {
                last = at;
            }
        }
        return Optional.ofNullable(last);
    }
}
