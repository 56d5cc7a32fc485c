package jp.akashi.probes.host;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the outputs of slow, read-only commands are kept between collections (the agent keeps them
 * in its state directory), so that {@link StampedCommand} can answer from the last run while the
 * files the command reads are as they were. {@link #NONE} keeps nothing: every command runs.
 */
public interface CommandMemo {

    /** The last successful run of a command: the stamp of its inputs then, when it ran, and its result. */
    record Entry(String stamp, Instant ranAt, CommandResult result) {
    }

    /** The entry kept for {@code key}, if any; a damaged entry is absent, never an error. */
    Optional<Entry> recall(String key);

    /** Keeps {@code entry} for {@code key}; failing to keep it is not an error (the next run just runs again). */
    void remember(String key, Entry entry);

    CommandMemo NONE = new CommandMemo() {
        @Override
        public Optional<Entry> recall(String key) {
            return Optional.empty();
        }

        @Override
        public void remember(String key, Entry entry) {
        }
    };
}
