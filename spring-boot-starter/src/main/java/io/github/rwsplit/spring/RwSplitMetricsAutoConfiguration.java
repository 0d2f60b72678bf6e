package io.github.rwsplit.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * rwsplit's Micrometer meters for every rwsplit data source in the context, HikariCP over the driver included. Spring
 * Boot binds every {@link MeterBinder} bean to its meter registries; without Micrometer this does nothing.
 */
@AutoConfiguration(afterName = {DataSourceAutoConfigurations.BOOT3, DataSourceAutoConfigurations.BOOT4})
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(DataSource.class)
public class RwSplitMetricsAutoConfiguration {

    @Bean
    DataSourcesMeterBinder rwsplitMeterBinder(ListableBeanFactory beans) {
        return new DataSourcesMeterBinder(beans);
    }
}
