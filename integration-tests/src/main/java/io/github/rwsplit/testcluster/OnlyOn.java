package io.github.rwsplit.testcluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class or method only where the selected backend runs servers of this family, and skips it elsewhere
 * with a reason that names both families. For behaviour one product has and the other lacks (MariaDB's sequences and
 * {@code RETURNING}, MySQL's optimizer hints); everything both accept belongs in shared tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ServerFamilyCondition.class)
public @interface OnlyOn {

    ServerFamily value();
}
