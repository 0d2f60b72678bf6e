package io.github.rwsplit.spring.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with nothing of its own: Spring Boot's data source, and whatever the starter adds. */
@SpringBootConfiguration
@EnableAutoConfiguration
class BootApplication {
}
