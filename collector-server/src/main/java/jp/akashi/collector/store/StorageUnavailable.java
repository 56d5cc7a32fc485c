package jp.akashi.collector.store;


import jp.akashi.collector.Refusal;

/**
 * The collector cannot store anything right now (disk full, damaged database, database
 * unreachable): a 503 with Retry-After ({@code api/StorageErrors}), so that agents keep their
 * copies and come back later. Thrown by {@link Database} for a failed write and by ingest before
 * it writes when the health state already says so.
 */
public class StorageUnavailable extends Refusal {
    public static final String DISK_FULL = "disk full on the collector's data volume";
    private final StorageFailure failure;

    public StorageUnavailable(StorageFailure failure, Throwable cause) {
        super(Refusal.Kind.UNAVAILABLE, english(failure.kind()), japanese(failure.kind()));
        this.failure = failure;
        if (cause != null) {
            initCause(cause);
        }
    }

    public StorageFailure failure() {
        return failure;
    }

    /** The reason code in the API body: disk-full, database-damaged, database-unavailable. */
    public String reason() {
        return switch (failure.kind()) {
            case FULL -> "disk-full";
            case CORRUPT -> "database-damaged";
            case UNAVAILABLE -> "database-unavailable";
        };
    }

    private static String english(StorageFailure.Kind kind) {
        return switch (kind) {
            case FULL -> DISK_FULL;
            case CORRUPT -> "the collector's database is damaged; an administrator must restore it (akashi-collector check-db)";
            case UNAVAILABLE -> "the collector cannot write to its database right now";
        };
    }

    private static String japanese(StorageFailure.Kind kind) {
        return switch (kind) {
            case FULL -> "コレクターのデータ領域に空きがありません";
            case CORRUPT -> "コレクターのデータベースが破損しています。管理者による復元が必要です（akashi-collector check-db）";
            case UNAVAILABLE -> "コレクターがいまデータベースに書き込めません";
        };
    }
}
