package jp.akashi.collector.enroll;

import java.security.GeneralSecurityException;

/**
 * The collector's signing key as self-update needs it: an agent checks the signed statement of the
 * package it is offered against the key it pinned at enrolment. Implemented by the snapshot
 * signing key (a later package), so enroll does not depend on snapshot.
 */
public interface PackageSigner {
    byte[] sign(byte[] data) throws GeneralSecurityException;

    String fingerprint();
}
