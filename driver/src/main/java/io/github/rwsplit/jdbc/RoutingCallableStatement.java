package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.delegation.CallableParameterDelegation;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A logical callable statement. CALL always runs on the primary; the physical call is prepared at each execution with
 * the recorded parameters and OUT registrations, and stays open after it so that OUT parameters and further results
 * can be read, until the statement closes or runs again.
 */
final class RoutingCallableStatement extends RoutingPreparedStatement implements CallableParameterDelegation {
    private final Map<String, NamedParameterBinding> named = new LinkedHashMap<>();
    private final List<OutParameterRegistration> outParameters = new ArrayList<>();
    private boolean namedReadsStream;

    RoutingCallableStatement(RoutingConnection connection, String sql, int resultSetType, int resultSetConcurrency,
                             int resultSetHoldability) {
        super(connection, sql, GeneratedKeys.NONE, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    /** Callable statements are not kept for reuse: Connector/J keeps them only with cacheCallableStmts, rarely set. */
    @Override
    boolean reusable() {
        return false;
    }

    @Override
    PreparedStatement prepare(Connection physicalConnection) throws SQLException {
        return applySettings(physicalConnection.prepareCall(sql, resultSetType, resultSetConcurrency,
                resultSetHoldability));
    }

    @Override
    Statement createPhysical(PhysicalConnection lease) throws SQLException {
        CallableStatement physical = (CallableStatement) super.createPhysical(lease);
        for (Map.Entry<String, NamedParameterBinding> binding : named.entrySet()) {
            binding.getValue().apply(physical, binding.getKey());
        }
        for (OutParameterRegistration registration : outParameters) {
            registration.apply(physical);
        }
        return physical;
    }

    @Override
    public boolean replayable() {
        return super.replayable() && !namedReadsStream;
    }

    @Override
    public CallableStatement outputs() throws SQLException {
        checkOpen();
        Statement physical = current == null ? null : current.physical();
        if (physical instanceof CallableStatement callable) {
            return callable;
        }
        throw new SQLException("rwsplit: no OUT parameters to read: execute the call first", "S1009");
    }

    @Override
    public void bindNamed(String parameterName, NamedParameterBinding binding) throws SQLException {
        checkOpen();
        named.put(parameterName, binding);
    }

    @Override
    public void bindNamedOnce(String parameterName, NamedParameterBinding binding) throws SQLException {
        bindNamed(parameterName, binding);
        namedReadsStream = true;
    }

    @Override
    public void registerOut(OutParameterRegistration registration) throws SQLException {
        checkOpen();
        outParameters.add(registration);
    }

    @Override
    public void clearParameters() throws SQLException {
        super.clearParameters();
        named.clear();
        namedReadsStream = false;
    }
}
