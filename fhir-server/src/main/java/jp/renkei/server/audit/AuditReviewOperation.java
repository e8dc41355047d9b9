package jp.renkei.server.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.server.access.RequestCaller;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code POST /fhir/AuditEvent/{id}/$review}: a privacy officer marks an emergency access as reviewed.
 * The tag {@code review-status|unreviewed} is replaced by {@code reviewed} with HAPI's meta
 * operations; the AuditEvent itself never changes. Who reviewed when is in the trail (the call is
 * audited like every other). Answers a Parameters with the AuditEvent's new {@code meta}.
 */
public class AuditReviewOperation {

	public static final String NAME = "$review";

	private final DaoRegistry daoRegistry;
	private final RequestCaller callers;

	public AuditReviewOperation(DaoRegistry daoRegistry, RequestCaller callers) {
		this.daoRegistry = daoRegistry;
		this.callers = callers;
	}

	@Operation(name = NAME, idempotent = false, type = AuditEvent.class)
	public Parameters review(@IdParam IdType id, RequestDetails request) {
		if (!AuditEventProtection.isPrivacyOfficer(callers.of(request))) {
			throw new ForbiddenOperationException("Only a privacy officer may review emergency accesses");
		}
		IFhirResourceDao<AuditEvent> dao = daoRegistry.getResourceDao(AuditEvent.class);
		IdType target = new IdType("AuditEvent", id.getIdPart());
		SystemRequestDetails writer = AuditWriter.newRequest();
		AuditEvent event = dao.read(target, writer);
		if (event.getMeta().getTag(AuditEventMapper.REVIEW_STATUS, "unreviewed") == null
				&& event.getMeta().getTag(AuditEventMapper.REVIEW_STATUS, "reviewed") == null) {
			throw new InvalidRequestException("AuditEvent/" + id.getIdPart()
					+ " records no emergency access, so there is nothing to review");
		}
		Meta unreviewed = new Meta();
		unreviewed.addTag(AuditEventMapper.REVIEW_STATUS, "unreviewed", null);
		dao.metaDeleteOperation(target, unreviewed, writer);
		Meta reviewed = new Meta();
		reviewed.addTag(AuditEventMapper.REVIEW_STATUS, "reviewed", "Emergency access reviewed");
		Meta result = dao.metaAddOperation(target, reviewed, writer);
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("return").setValue(result);
		return parameters;
	}
}
