package jp.renkei.server.request;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.lang.reflect.InvocationTargetException;
import jp.renkei.server.config.FhirServerInterceptor;

/**
 * Answers a PATCH that cannot be applied with 400 instead of 500. HAPI's FHIRPath Patch fails with
 * a NullPointerException when an operation names an element the type does not have (e.g. an
 * {@code add} of {@code favouriteColour} to Basic): the client's patch is wrong, the server is not.
 */
@Interceptor
public class PatchFailureInterceptor implements FhirServerInterceptor {

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException clientErrorForBadPatch(RequestDetails request, Throwable exception) {
		if (request == null || request.getRestOperationType() != RestOperationTypeEnum.PATCH
				|| !(exception instanceof InternalErrorException)) {
			return null;
		}
		// HAPI wraps the failure of the provider method: InternalErrorException <- InvocationTargetException <- cause.
		Throwable cause = exception.getCause();
		while (cause instanceof InvocationTargetException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof NullPointerException || cause instanceof IllegalArgumentException
				|| cause instanceof ClassCastException || cause instanceof IndexOutOfBoundsException) {
			InvalidRequestException clientError = new InvalidRequestException(
					"The patch cannot be applied to this resource: an operation names an element or position the resource"
							+ " does not have");
			clientError.initCause(cause);
			return clientError;
		}
		return null;
	}
}
