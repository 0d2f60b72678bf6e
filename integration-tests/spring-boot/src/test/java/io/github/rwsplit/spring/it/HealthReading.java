package io.github.rwsplit.spring.it;

import java.util.Map;

/**
 * One answer of the health endpoint, the same shape on every Boot line: each line's {@code HealthEndpointReader}
 * (in its own module) turns that line's types into it.
 *
 * @param details    an indicator's details; empty for a composite
 * @param components a composite's parts by name; empty for an indicator
 */
record HealthReading(String status, Map<String, Object> details, Map<String, HealthReading> components) {

    /** The details of node {@code hostAndPort}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> node(String hostAndPort) {
        return ((Map<String, Map<String, Object>>) details.get("nodes")).get(hostAndPort);
    }
}
