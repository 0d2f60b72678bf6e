package io.github.rwsplit.spring;

/** Where Spring Boot's own data source auto-configuration lives on each line, for ordering after it by name. */
final class DataSourceAutoConfigurations {
    static final String BOOT3 = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";
    static final String BOOT4 = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    private DataSourceAutoConfigurations() {
    }
}
