package io.github.rwsplit.testcluster;

/** The parts of SHOW SLAVE/REPLICA STATUS that tell whether replication flows and why not. */
record ReplicaStatus(boolean receiving, boolean applying, String lastReceiveError, String lastApplyError) {

    /** The applier stopped on an error, rather than being stopped on purpose. */
    boolean applierFailed() {
        return !applying && !lastApplyError.isEmpty();
    }

    @Override
    public String toString() {
        return "receiving=" + receiving + ", applying=" + applying
                + (lastReceiveError.isEmpty() ? "" : ", last receive error: " + lastReceiveError)
                + (lastApplyError.isEmpty() ? "" : ", last apply error: " + lastApplyError);
    }
}
