package jp.akashi.collector.store;

/**
 * The collector will not open its database file: it is empty, unreadable, not a database, or
 * has damaged pages. The message names the file and what to restore; the command line exits
 * with {@link #EXIT_CODE}.
 */
public class DatabaseRefused extends RuntimeException {
    /** The collector's exit code for a refused database (docs: README, "Running the collector"). */
    public static final int EXIT_CODE = 3;

    public DatabaseRefused(String message) {
        super(message);
    }
}
