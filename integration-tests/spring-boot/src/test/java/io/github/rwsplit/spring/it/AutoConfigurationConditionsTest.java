package io.github.rwsplit.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.spring.RwSplitBoot3HealthAutoConfiguration;
import io.github.rwsplit.spring.RwSplitBoot4HealthAutoConfiguration;
import io.github.rwsplit.spring.RwSplitMetricsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each part of the starter is there where the application has what it needs, and absent, without error, elsewhere. */
class AutoConfigurationConditionsTest {
    private static final String URL = "jdbc:rwsplit:mysql://db1.invalid,db2.invalid/app";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RwSplitMetricsAutoConfiguration.class,
                    RwSplitBoot3HealthAutoConfiguration.class, RwSplitBoot4HealthAutoConfiguration.class))
            .withBean("dataSource", DataSource.class, () -> new RwSplitDataSource(URL));

    @Test
    void withActuatorAndMicrometer_bothTheHealthContributorAndTheMeterBinderAreThere() {
        runner.run(context -> assertThat(context).hasNotFailed().hasBean("rwsplitHealthContributor")
                .hasBean("rwsplitMeterBinder"));
    }

    @Test
    void withoutMicrometer_onlyTheHealthContributor() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> assertThat(context)
                .hasNotFailed().hasBean("rwsplitHealthContributor").doesNotHaveBean("rwsplitMeterBinder"));
    }

    @Test
    void withoutActuatorsHealthApi_onlyTheMeterBinder() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.health",
                        "org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("rwsplitHealthContributor")
                        .hasBean("rwsplitMeterBinder"));
    }

    @Test
    void withoutADataSource_nothing() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RwSplitMetricsAutoConfiguration.class,
                        RwSplitBoot3HealthAutoConfiguration.class, RwSplitBoot4HealthAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("rwsplitHealthContributor")
                        .doesNotHaveBean("rwsplitMeterBinder"));
    }

    @Test
    void theHealthContributorCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.rwsplit.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("rwsplitHealthContributor"));
    }

    @Test
    void aDataSourceThatIsNotRwsplits_bindsNoMeters() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RwSplitMetricsAutoConfiguration.class))
                .withBean("dataSource", DataSource.class, () -> {
                    HikariDataSource pool = new HikariDataSource();
                    pool.setJdbcUrl("jdbc:mysql://db1.invalid/app");
                    return pool;
                })
                .run(context -> {
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean("rwsplitMeterBinder", MeterBinder.class).bindTo(registry);
                    assertThat(registry.getMeters()).isEmpty();
                });
    }
}
