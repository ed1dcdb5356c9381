package io.tessera.api.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit log, in Tessera's PostgreSQL beside the read models; its table is created when missing. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc) {
        AuditLog auditLog = new AuditLog(jdbc);
        auditLog.createSchema();
        return auditLog;
    }
}
