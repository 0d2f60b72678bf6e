package io.github.rwsplit.spring;

import io.github.rwsplit.micrometer.RwSplitMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Binds an {@link RwSplitMeterBinder} per rwsplit data source. The data sources are looked up when the registry is
 * bound, not when this bean is made, so that making it creates no data source early.
 */
final class DataSourcesMeterBinder implements MeterBinder {
    private final ListableBeanFactory beans;

    DataSourcesMeterBinder(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ClusterSource source : ClusterSources.find(beans.getBeansOfType(DataSource.class, false, true))) {
            binder(source).bindTo(registry);
        }
    }

    private static RwSplitMeterBinder binder(ClusterSource source) {
        if (source instanceof ClusterSource.OfPool pool) {
            return RwSplitMeterBinder.forPool(pool.pool(), pool.url(), pool.properties());
        }
        return new RwSplitMeterBinder(((ClusterSource.OfDataSource) source).dataSource());
    }
}
