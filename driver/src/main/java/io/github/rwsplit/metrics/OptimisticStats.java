package io.github.rwsplit.metrics;

/**
 * Optimistic transactions of a cluster (optimisticTransactions=true), by outcome. Those started and not yet ended are
 * in none of the outcomes, and one whose replica connection broke is in none either.
 *
 * @param started        read-write transactions that began on a replica
 * @param endedOnReplica those that committed or rolled back there without ever needing the primary
 * @param moved          those that moved to the primary with their earlier reads verified equal
 * @param refused        those rolled back with SQLState 40001, because a read gave different rows on the primary
 */
public record OptimisticStats(long started, long endedOnReplica, long moved, long refused) {
}
