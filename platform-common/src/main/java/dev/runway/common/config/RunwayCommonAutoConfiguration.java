package dev.runway.common.config;

import dev.runway.common.audit.AuditLog;
import dev.runway.common.audit.AuditSchema;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** What every service gets: its typed settings and the audit writer. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
        })
@EnableConfigurationProperties(RunwayProperties.class)
public class RunwayCommonAutoConfiguration {

    @Bean
    @ConditionalOnBean(DataSource.class)
    AuditSchemaInitializer runwayAuditSchema(DataSource dataSource) {
        return new AuditSchemaInitializer(dataSource);
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    AuditLog runwayAuditLog(
            DataSource dataSource, JsonMapper json, RunwayProperties properties, AuditSchemaInitializer schema) {
        return new AuditLog(JdbcClient.create(dataSource), json, properties.serviceName());
    }

    /** Makes sure the shared audit table exists before the first change is recorded. */
    static final class AuditSchemaInitializer implements InitializingBean {
        private final DataSource dataSource;

        AuditSchemaInitializer(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public void afterPropertiesSet() throws Exception {
            try (var connection = dataSource.getConnection()) {
                AuditSchema.ensure(connection);
            }
        }
    }
}
