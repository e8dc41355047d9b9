package jp.renkei.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * One wording for every "not found" answer about a resource named in the URL: HAPI words it
 * differently depending on where it noticed (an id that never existed, a resource consent hid, a
 * read the patient compartment refused), and the difference would tell a caller that the hidden
 * resource exists. The answer is always 404 with {@code Resource <type>/<id> is not known}, also
 * for the entries of a batch or transaction.
 */
@Component
@Interceptor
public class NotFoundAnswers implements FhirServerInterceptor {

	private static final Pattern INSTANCE_URL = Pattern.compile("^/?([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:[/?].*)?$");

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException sameForAll(RequestDetails request, Throwable exception) {
		if (!(exception instanceof ResourceNotFoundException) || request == null || request.getId() == null
				|| !request.getId().hasIdPart() || request.getResourceName() == null) {
			return null;
		}
		String message = message(request.getResourceName(), request.getId().getIdPart());
		ResourceNotFoundException uniform = new ResourceNotFoundException(message);
		uniform.setOperationOutcome(outcome(message));
		return uniform;
	}

	/** The same for the entries of a batch or transaction answered 404. */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void sameForEntries(RequestDetails request, ResponseDetails response) {
		if (!(response.getResponseResource() instanceof Bundle answer) || !(request.getResource() instanceof Bundle asked)
				|| answer.getType() != Bundle.BundleType.BATCHRESPONSE && answer.getType() != Bundle.BundleType.TRANSACTIONRESPONSE) {
			return;
		}
		for (int i = 0; i < answer.getEntry().size() && i < asked.getEntry().size(); i++) {
			Bundle.BundleEntryResponseComponent entryResponse = answer.getEntry().get(i).getResponse();
			if (entryResponse.getStatus() == null || !entryResponse.getStatus().startsWith("404")) {
				continue;
			}
			Matcher url = INSTANCE_URL.matcher(asked.getEntry().get(i).getRequest().getUrl() == null ? ""
					: asked.getEntry().get(i).getRequest().getUrl());
			entryResponse.setOutcome(outcome(url.matches() ? message(url.group(1), url.group(2)) : "Resource is not known"));
		}
	}

	private static String message(String type, String id) {
		return "Resource " + type + "/" + id + " is not known";
	}

	private static OperationOutcome outcome(String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.NOTFOUND)
				.setDiagnostics(message);
		return outcome;
	}
}
