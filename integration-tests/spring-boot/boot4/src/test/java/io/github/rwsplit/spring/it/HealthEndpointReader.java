package io.github.rwsplit.spring.it;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.context.ApplicationContext;

/** Reads Spring Boot 4's health endpoint, whose types moved to spring-boot-health. */
final class HealthEndpointReader {
    private HealthEndpointReader() {
    }

    /** What the endpoint answers for {@code path} (no path: the whole health), or null where it has nothing. */
    static HealthReading read(ApplicationContext context, String... path) {
        return reading(context.getBean(HealthEndpoint.class).healthForPath(path));
    }

    private static HealthReading reading(HealthDescriptor descriptor) {
        if (descriptor == null) {
            return null;
        }
        if (descriptor instanceof CompositeHealthDescriptor composite) {
            Map<String, HealthReading> components = new LinkedHashMap<>();
            composite.getComponents().forEach((name, child) -> components.put(name, reading(child)));
            return new HealthReading(composite.getStatus().getCode(), Map.of(), components);
        }
        IndicatedHealthDescriptor health = (IndicatedHealthDescriptor) descriptor;
        return new HealthReading(health.getStatus().getCode(), health.getDetails(), Map.of());
    }
}
