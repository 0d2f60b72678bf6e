package io.github.rwsplit.testcluster;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Decides {@link OnlyOn} from the selected backend alone, so that a skipped class never starts a cluster.
 */
final class ServerFamilyCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, OnlyOn.class))
                .map(onlyOn -> decide(onlyOn.value(), ClusterBackend.selected()))
                .orElse(ConditionEvaluationResult.enabled("not marked for a server family"));
    }

    static ConditionEvaluationResult decide(ServerFamily wanted, ClusterBackend backend) {
        ServerFamily running = backend.family();
        if (running == wanted) {
            return ConditionEvaluationResult.enabled(wanted.productName() + " test on " + running.productName());
        }
        return ConditionEvaluationResult.disabled(wanted.productName() + " only: the " + backend + " backend runs "
                + running.productName() + " servers");
    }
}
