package jp.akashi.collector.store;

/**
 * What {@link Database} tells about each read and commit: the collector's health
 * ({@code health.CollectorHealth}) implements it, so that {@code store} needs nothing of {@code health}.
 */
public interface StorageOutcomes {
    /** A transaction committed. */
    void committed();

    /**
     * A statement or commit failed with {@code e}; returns what the caller should throw: a
     * {@link StorageUnavailable} for a storage failure, {@code e} itself otherwise.
     *
     * @param commit whether it was a write (a failed read does not make commits fail)
     */
    RuntimeException failed(RuntimeException e, boolean commit);

    /** For a database outside the application (tests): storage failures are thrown as {@link StorageUnavailable}, nothing is recorded. */
    StorageOutcomes UNWATCHED = new StorageOutcomes() {
        @Override
        public void committed() {
        }

        @Override
        public RuntimeException failed(RuntimeException e, boolean commit) {
            StorageFailure f = StorageFailure.of(e);
            return f == null || e instanceof StorageUnavailable ? e : new StorageUnavailable(f, e);
        }
    };
}
