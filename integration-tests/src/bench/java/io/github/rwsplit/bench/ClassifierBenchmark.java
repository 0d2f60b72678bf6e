package io.github.rwsplit.bench;

import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.SqlClassifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Classification cost per statement: uncached (a classifier that caches nothing, as for literal-laden Statement SQL)
 * and cached (the same SQL again, as for PreparedStatement SQL).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassifierBenchmark {
    @Param({"point select", "insert", "update", "10-table join", "2 KB report query", "CTE"})
    public String statement;

    private String sql;
    private final SqlClassifier uncached = new SqlClassifier(0);
    private final SqlClassifier cached = new SqlClassifier(4096);

    @Setup
    public void prepare() {
        sql = Statements.all().get(statement);
        cached.classify(sql);
    }

    @Benchmark
    public Classification uncached() {
        return uncached.classify(sql);
    }

    @Benchmark
    public Classification cached() {
        return cached.classify(sql);
    }
}
