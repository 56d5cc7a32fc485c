package jp.akashi.collector.metrics;

import java.util.Set;

import jp.akashi.collector.Refusal;

/**
 * The reason label of a refused report: a small fixed set, so a sender cannot invent labels
 * (a refusal's place can quote what the report sent). A 400 is named by the top-level field its
 * place starts with ({@code facts[3].value (os.name)} → {@code facts}); other statuses by what
 * they mean in docs/INGEST.md.
 */
public final class RefusalReasons {
    /** Places a 400 refusal starts with (ReportValidator, ReportJson, ReportController, SpoolNews). */
    static final Set<String> FIELDS = Set.of("body", "Content-Encoding", "end of the document", "schemaVersion", "reportId",
            "source", "agentId", "agentVersion", "asset", "startedAt", "finishedAt", "facts", "spoolDrops", "spoolProblem");

    private RefusalReasons() {
    }

    /** {@code reason} label of a refusal with this status and English message. */
    public static String of(Refusal e) {
        return switch (e.status()) {
            case 400 -> field(e.getMessage());
            case 403 -> "other_agent";
            case 409 -> "report_id_taken";
            case 413 -> "too_large";
            case 422 -> "scan_limit";
            default -> "status_" + e.status();
        };
    }

    /** The top-level field a refusal's place starts with, or {@code other}. */
    static String field(String message) {
        if (message == null) {
            return "other";
        }
        if (message.startsWith("end of the document")) {
            return "end_of_document";
        }
        int end = 0;
        while (end < message.length() && ".[: (".indexOf(message.charAt(end)) < 0) {
            end++;
        }
        String first = message.substring(0, end);
        return FIELDS.contains(first) ? first : "other";
    }
}
