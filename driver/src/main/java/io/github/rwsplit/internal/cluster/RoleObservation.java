package io.github.rwsplit.internal.cluster;

/**
 * What a server says about its own role: whether it accepts writes ({@code read_only} off) and whether it is set up to
 * replicate from another server. The primary is the one writable node that does not replicate.
 */
record RoleObservation(boolean writable, boolean replicating) {

    boolean canBePrimary() {
        return writable && !replicating;
    }
}
