package io.github.rwsplit.spring.it;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.ApplicationContext;

/** Reads Spring Boot 3.5's health endpoint, whose types live in spring-boot-actuator. */
final class HealthEndpointReader {
    private HealthEndpointReader() {
    }

    /** What the endpoint answers for {@code path} (no path: the whole health), or null where it has nothing. */
    static HealthReading read(ApplicationContext context, String... path) {
        return reading(context.getBean(HealthEndpoint.class).healthForPath(path));
    }

    private static HealthReading reading(HealthComponent component) {
        if (component == null) {
            return null;
        }
        if (component instanceof CompositeHealth composite) {
            Map<String, HealthReading> components = new LinkedHashMap<>();
            composite.getComponents().forEach((name, child) -> components.put(name, reading(child)));
            return new HealthReading(composite.getStatus().getCode(), Map.of(), components);
        }
        Health health = (Health) component;
        return new HealthReading(health.getStatus().getCode(), health.getDetails(), Map.of());
    }
}
