package io.github.rwsplit.testcluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM's shared {@link ReplicationCluster}: started on first use, reset
 * before the class, handed to any {@code ReplicationCluster} parameter of a constructor, lifecycle
 * or test method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ReplicationClusterExtension.class)
public @interface WithReplicationCluster {
}
