package io.github.rwsplit.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code rwsplit} health contributor on Spring Boot 3.5, whose health API is in spring-boot-actuator
 * ({@link RwSplitBoot4HealthAutoConfiguration} is its Boot 4 twin): {@link ClusterHealth} per rwsplit data source, one
 * indicator for one data source, one per bean name for several. {@code management.health.rwsplit.enabled=false} turns
 * it off.
 */
@AutoConfiguration(afterName = DataSourceAutoConfigurations.BOOT3)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
public class RwSplitBoot3HealthAutoConfiguration {

    /** Nested, so that the Boot 3 condition annotation is read only where Boot 3's health API is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnEnabledHealthIndicator("rwsplit")
    static class Contributor {

        @Bean
        @ConditionalOnMissingBean(name = "rwsplitHealthContributor")
        HealthContributor rwsplitHealthContributor(Map<String, DataSource> dataSources) {
            List<ClusterSource> sources = ClusterSources.find(dataSources);
            if (sources.size() == 1) {
                return indicator(sources.get(0));
            }
            Map<String, HealthIndicator> byBean = new LinkedHashMap<>();
            for (ClusterSource source : sources) {
                byBean.put(source.beanName(), indicator(source));
            }
            return CompositeHealthContributor.fromMap(byBean);
        }

        private static HealthIndicator indicator(ClusterSource source) {
            return () -> health(ClusterHealth.of(source));
        }

        private static Health health(ClusterHealth health) {
            Health.Builder builder = switch (health.status()) {
                case UP -> Health.up();
                case DOWN -> Health.down();
                case UNKNOWN -> Health.unknown();
            };
            return builder.withDetails(health.details()).build();
        }
    }
}
