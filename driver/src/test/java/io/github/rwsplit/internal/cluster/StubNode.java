package io.github.rwsplit.internal.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * One node of a {@link StubCluster}: its script (health, failures, answers, how borrows go) and its records (what ran
 * there, how its sessions were borrowed and returned). Script methods return this node, so they chain:
 * {@code cluster.node("r1").lagging(9000).failNext(StubFailures.socketTimeout())}.
 *
 * <h2>Health</h2>
 * {@link #up()}, {@link #up(long)}, {@link #lagging(long)}, {@link #suspect()} and {@link #down()} publish a verdict
 * as the monitor would (the topology is rebuilt, the change is logged). {@code down()} also makes the node refuse
 * borrows, as a dead node does, and {@code up()} accepts them again; {@link #status(NodeStatus, long)} changes the
 * verdict alone.
 *
 * <h2>Executions</h2>
 * {@link #failNext(SQLException)} fails the next execution on any session of this node (queued: call it twice to fail
 * two); {@link #failAlways(Supplier)} fails every execution until {@link #heal()}; {@link #stallNext()} blocks the next
 * execution until the returned latch opens or its session is aborted (then it fails with 08S01). {@link #answer} gives
 * queries whose text contains a fragment a scripted result; {@link #waitResult(long)} sets what the read-your-writes
 * wait answers (0, caught up, by default; -1 is MariaDB's timeout); {@link #applied(String)} sets the GTIDs this node
 * has applied. A commit is an execution too ("COMMIT").
 *
 * <h2>Borrows</h2>
 * {@link #refuseBorrows()} makes borrows fail with 08001 naming the node, {@link #saturate()} with
 * {@link NodeSaturatedException}, {@link #acceptBorrows()} undoes both.
 *
 * <h2>Records</h2>
 * {@link #executed()} and {@link #prepared()} list SQL texts in order; {@link #borrowed()}, {@link #inUse()},
 * {@link #givenBack()}, {@link #discarded()}, {@link #aborted()}, {@link #refusedBorrows()},
 * {@link #saturatedBorrows()}, {@link #cancels()} and {@link #errors()} count; {@link #sessions()} lists the physical
 * sessions ever opened. {@link #clearRecords()} forgets records, not scripts.
 */
public final class StubNode {
    private enum Borrowing { ACCEPT, REFUSE, SATURATED }

    private final StubCluster cluster;
    private final Node node;
    private final int serverId;
    private final Source source = new Source();
    private final Deque<StubConnection> idle = new ArrayDeque<>();
    private final List<StubConnection> sessions = new ArrayList<>();
    private final Deque<SQLException> failures = new ArrayDeque<>();
    private final Deque<CountDownLatch> stalls = new ArrayDeque<>();
    private final List<Answer> answers = new ArrayList<>();
    private final List<String> executed = new ArrayList<>();
    private final List<String> prepared = new ArrayList<>();
    private Supplier<SQLException> failAlways;
    private Borrowing borrowing = Borrowing.ACCEPT;
    private long waitResult;
    private int borrowed;
    private int givenBack;
    private int discarded;
    private int aborted;
    private int refusedBorrows;
    private int saturatedBorrows;
    private int cancels;

    private record Answer(String fragment, List<String> labels, List<Object[]> rows) {
    }

    StubNode(StubCluster cluster, Node node, int serverId) {
        this.cluster = cluster;
        this.node = node;
        this.serverId = serverId;
    }

    /** The host as the URL names it, e.g. {@code "r1"}. */
    public String name() {
        return node.host().host();
    }

    /** The cluster's own node, as routing sees it. */
    public Node node() {
        return node;
    }

    public NodeStatus status() {
        return node.health().status();
    }

    // ---- health ----

    /** Up, with lag 0 for a replica (unknown for the primary), accepting borrows. */
    public StubNode up() {
        return up(node.isPrimary() ? -1 : 0);
    }

    /** Up with this measured lag, accepting borrows. */
    public StubNode up(long lagMillis) {
        acceptBorrows();
        return status(NodeStatus.UP, lagMillis);
    }

    /** Lagging (no reads) with this measured lag; -1 for unknown lag. */
    public StubNode lagging(long lagMillis) {
        return status(NodeStatus.LAGGING, lagMillis);
    }

    /** Suspect: missed a check. A replica gets no reads; the primary still takes writes. */
    public StubNode suspect() {
        return status(NodeStatus.SUSPECT, node.health().lagMillis());
    }

    /** Down, and refusing borrows with 08001, as a dead node. */
    public StubNode down() {
        refuseBorrows();
        return status(NodeStatus.DOWN, -1);
    }

    /** Publishes this verdict alone (borrows unchanged). */
    public StubNode status(NodeStatus status, long lagMillis) {
        cluster.cluster().force(node, new NodeHealth(status, lagMillis,
                status == NodeStatus.UP ? "" : "set by the test"));
        return this;
    }

    // ---- executions ----

    /** The next execution on any session of this node throws {@code failure}; calls queue up. */
    public synchronized StubNode failNext(SQLException failure) {
        failures.add(failure);
        return this;
    }

    /** Every execution throws a new failure from {@code failure} until {@link #heal()}. */
    public synchronized StubNode failAlways(Supplier<SQLException> failure) {
        failAlways = failure;
        return this;
    }

    /**
     * The next execution blocks until the returned latch is counted down, or until its session is aborted (it then
     * fails with 08S01, as a statement on a cut socket does).
     */
    public synchronized CountDownLatch stallNext() {
        CountDownLatch latch = new CountDownLatch(1);
        stalls.add(latch);
        return latch;
    }

    /** Forgets queued and standing failures and stalls (stalled executions go on). */
    public synchronized StubNode heal() {
        failures.clear();
        failAlways = null;
        stalls.forEach(CountDownLatch::countDown);
        stalls.clear();
        return this;
    }

    /** Queries whose text contains {@code sqlFragment} (ignoring case) answer this one row, columns c1, c2, ... */
    public StubNode answer(String sqlFragment, Object... row) {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= row.length; i++) {
            labels.add("c" + i);
        }
        return answer(sqlFragment, labels, List.<Object[]>of(row.clone()));
    }

    /** Queries whose text contains {@code sqlFragment} (ignoring case) answer these rows; the latest script wins. */
    public synchronized StubNode answer(String sqlFragment, List<String> labels, List<Object[]> rows) {
        answers.add(new Answer(sqlFragment.toUpperCase(Locale.ROOT), List.copyOf(labels), List.copyOf(rows)));
        return this;
    }

    /** What the read-your-writes wait answers here: 0 caught up (the default), -1 (MariaDB) or 1 (MySQL) timed out. */
    public synchronized StubNode waitResult(long result) {
        waitResult = result;
        return this;
    }

    /** Records that this node has applied {@code gtids} (as the monitor would learn it), e.g. {@code "0-1-5"}. */
    public StubNode applied(String gtids) {
        node.advanceApplied(GtidSet.parse(gtids));
        return this;
    }

    // ---- borrows ----

    public synchronized StubNode refuseBorrows() {
        borrowing = Borrowing.REFUSE;
        return this;
    }

    public synchronized StubNode saturate() {
        borrowing = Borrowing.SATURATED;
        return this;
    }

    public synchronized StubNode acceptBorrows() {
        borrowing = Borrowing.ACCEPT;
        return this;
    }

    // ---- records ----

    /** Every SQL text executed on this node, in order ("COMMIT"/"ROLLBACK" for the JDBC calls). */
    public synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    /** Every SQL text prepared on this node ({@code prepareStatement}, {@code prepareCall}), in order. */
    public synchronized List<String> prepared() {
        return List.copyOf(prepared);
    }

    /** The last SQL text executed here, or null. */
    public synchronized String lastExecuted() {
        return executed.isEmpty() ? null : executed.get(executed.size() - 1);
    }

    /** Borrows granted. */
    public synchronized int borrowed() {
        return borrowed;
    }

    /** Connections borrowed through rwsplit and not yet given back or discarded. */
    public int inUse() {
        return node.inUse();
    }

    public synchronized int givenBack() {
        return givenBack;
    }

    /** Sessions closed instead of pooled (discarded, or evicted after a failure). */
    public synchronized int discarded() {
        return discarded;
    }

    /** Sessions aborted (by the monitor, or through {@code abort}). */
    public synchronized int aborted() {
        return aborted;
    }

    public synchronized int refusedBorrows() {
        return refusedBorrows;
    }

    public synchronized int saturatedBorrows() {
        return saturatedBorrows;
    }

    /** {@code Statement.cancel()} calls on this node's statements. */
    public synchronized int cancels() {
        return cancels;
    }

    /** Connection errors reported to the cluster for this node. */
    public long errors() {
        return node.counters().errors();
    }

    /** Every physical session this node opened, oldest first. */
    public synchronized List<StubConnection> sessions() {
        return List.copyOf(sessions);
    }

    public synchronized void clearRecords() {
        executed.clear();
        prepared.clear();
        borrowed = 0;
        givenBack = 0;
        discarded = 0;
        aborted = 0;
        refusedBorrows = 0;
        saturatedBorrows = 0;
        cancels = 0;
    }

    @Override
    public String toString() {
        return "stub " + node;
    }

    // ---- for the sessions and the cluster ----

    StubCluster cluster() {
        return cluster;
    }

    int serverId() {
        return serverId;
    }

    ConnectionSource source() {
        return source;
    }

    synchronized CountDownLatch takeStall() {
        return stalls.poll();
    }

    synchronized SQLException takeFailure() {
        SQLException next = failures.poll();
        if (next == null && failAlways != null) {
            next = failAlways.get();
        }
        return next;
    }

    void recordExecuted(String sql) {
        synchronized (this) {
            executed.add(sql);
        }
        cluster.recordExecuted(this, sql);
    }

    synchronized void recordPrepared(String sql) {
        prepared.add(sql);
    }

    synchronized void recordCancel() {
        cancels++;
    }

    synchronized void aborted(StubConnection session) {
        aborted++;
    }

    synchronized ResultSet answerTo(Statement statement, String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        for (int i = answers.size() - 1; i >= 0; i--) {
            Answer answer = answers.get(i);
            if (upper.contains(answer.fragment())) {
                return StubResults.of(statement, answer.labels(), answer.rows());
            }
        }
        if (upper.contains("MASTER_GTID_WAIT") || upper.contains("WAIT_FOR_EXECUTED_GTID_SET")) {
            return StubResults.of(statement, List.of("result"), List.<Object[]>of(new Object[] {waitResult}));
        }
        if (upper.contains("GTID_SLAVE_POS") || upper.contains("GTID_EXECUTED") || upper.contains("GTID_CURRENT_POS")) {
            return StubResults.of(statement, List.of("position"),
                    List.<Object[]>of(new Object[] {node.applied().toString()}));
        }
        return StubResults.of(statement, List.of("node"), List.<Object[]>of(new Object[] {name()}));
    }

    /** The node's pool: sessions are reused most-recently-returned first, as HikariCP does. */
    private final class Source implements ConnectionSource {
        @Override
        public PhysicalConnection borrow(Node borrower) throws SQLException {
            synchronized (StubNode.this) {
                switch (borrowing) {
                    case REFUSE -> {
                        refusedBorrows++;
                        throw StubFailures.refused(node);
                    }
                    case SATURATED -> {
                        saturatedBorrows++;
                        throw StubFailures.saturated(node);
                    }
                    default -> {
                        StubConnection session = idle.pollFirst();
                        if (session == null) {
                            session = new StubConnection(StubNode.this, sessions.size() + 1, cluster.database());
                            sessions.add(session);
                        }
                        borrowed++;
                        return new StubLease(borrower, session);
                    }
                }
            }
        }

        @Override
        public void giveBack(PhysicalConnection connection) {
            StubConnection stub = ((StubLease) connection).session();
            stub.resetForPool();
            synchronized (StubNode.this) {
                givenBack++;
                if (!stub.isBroken()) {
                    idle.addFirst(stub);
                }
            }
        }

        @Override
        public void discard(PhysicalConnection connection) {
            synchronized (StubNode.this) {
                discarded++;
            }
        }

        @Override
        public void nodeDown() {
            // Nobody waits in a stub pool, and its idle sessions carry nothing stale.
        }

        @Override
        public int activeConnections() {
            return node.inUse();
        }

        @Override
        public int idleConnections() {
            synchronized (StubNode.this) {
                return idle.size();
            }
        }

        @Override
        public void close() {
            synchronized (StubNode.this) {
                idle.clear();
            }
        }
    }
}
