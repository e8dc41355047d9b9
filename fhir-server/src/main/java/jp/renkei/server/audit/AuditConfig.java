package jp.renkei.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import javax.sql.DataSource;
import jp.renkei.server.access.RequestCaller;
import jp.renkei.server.config.DatabasePlatform;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the audit trail: journal, recording interceptor, materializer, AuditEvent protection and review. */
@Configuration
public class AuditConfig {

	@Bean
	public PatientCompartment auditPatientCompartment(FhirContext fhirContext) {
		return new PatientCompartment(fhirContext);
	}

	@Bean
	public AuditEventMapper auditEventMapper() {
		return new AuditEventMapper();
	}

	@Bean
	public AuditJournal auditJournal(DataSource dataSource, DatabasePlatform platform) {
		return new AuditJournal(new JdbcTemplate(dataSource), platform, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnProperty(name = "renkei.audit.enabled", havingValue = "true", matchIfMissing = true)
	public AuditTrailInterceptor auditTrailInterceptor(RequestCaller callers, FhirContext fhirContext, AuditJournal journal,
			AuditEventMapper mapper, PatientCompartment auditPatientCompartment) {
		return new AuditTrailInterceptor(callers, fhirContext, journal, mapper, auditPatientCompartment, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnProperty(name = "renkei.audit.enabled", havingValue = "false")
	public AuditOffWarning auditOffWarning() {
		return new AuditOffWarning();
	}

	/** Protection of AuditEvents holds even with recording off: the existing trail stays append-only. */
	@Bean
	public AuditEventProtection auditEventProtection(RequestCaller callers, FhirContext fhirContext,
			PatientCompartment auditPatientCompartment) {
		return new AuditEventProtection(callers, fhirContext, auditPatientCompartment);
	}

	/** Runs even with recording off, so rows journaled before are not stranded. */
	@Bean
	public AuditMaterializer auditMaterializer(AuditJournal journal, FhirContext fhirContext, DaoRegistry daoRegistry,
			IFhirSystemDao<Bundle, Meta> systemDao, AuditProperties properties) {
		return new AuditMaterializer(journal, fhirContext, daoRegistry, systemDao, properties);
	}

	@Bean
	public AuditReviewOperation auditReviewOperation(DaoRegistry daoRegistry, RequestCaller callers) {
		return new AuditReviewOperation(daoRegistry, callers);
	}

	/** Adds {@code AuditEvent/{id}/$review} to the FHIR endpoint. */
	@Bean
	public SmartInitializingSingleton auditReviewRegistration(RestfulServer fhirRestfulServer, AuditReviewOperation operation) {
		return () -> fhirRestfulServer.registerProvider(operation);
	}

	/** Says loudly that accesses are not being recorded. */
	static final class AuditOffWarning {
		AuditOffWarning() {
			LoggerFactory.getLogger(AuditConfig.class).warn(
					"renkei.audit.enabled=false: accesses to patient data are NOT recorded in the audit trail. "
							+ "This setting exists only to measure the audit trail's overhead; never run like this with real data.");
		}
	}
}
