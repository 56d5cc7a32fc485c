package jp.akashi.collector.targets;

/** A stored credential cannot be used: its key is missing or different, or the stored value was altered. */
public class CredentialException extends RuntimeException {
    public CredentialException(String message) {
        super(message);
    }
}
