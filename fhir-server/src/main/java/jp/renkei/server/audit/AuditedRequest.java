package jp.renkei.server.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.emergency.EmergencyAccessGrant;

/**
 * What the audit trail records of one {@code /fhir} request, gathered by {@link AuditTrailInterceptor}
 * once the response is known and turned into an AuditEvent by {@link AuditEventMapper}.
 *
 * @param recorded when the response was decided
 * @param operation HAPI's interaction, null when the request failed before HAPI recognised one
 * @param operationName the operation's name ({@code $everything}) for operations, else null
 * @param resourceType the resource type in the URL, else null
 * @param requestedId the instance in the URL ({@code Patient/1}, {@code Patient/1/_history/2}), else null
 * @param requestPath the path below the FHIR base, with the query string when there is one
 * @param query the query string as sent (searches), else null
 * @param status the HTTP status of the response; 0 while not known (a write journaled before it is made)
 * @param failure what went wrong (failed requests), else null
 * @param caller the verified caller, empty for requests without a valid token
 * @param remoteAddress the network address the request came from
 * @param forwardedFor the {@code X-Forwarded-For} header as claimed by the client (unverified), else null
 * @param emergency the emergency-access window the request used, if any
 * @param claimedPurpose the purpose of use the request asked for ({@code X-Purpose-Of-Use}) when no
 *     window was granted (a refused emergency attempt), else null
 * @param resources {@code Type/id} of the resources returned or written (after consent filtering)
 * @param patients {@code Patient/id} of the patients whose data the request returned, wrote or asked for
 * @param owners for each of {@code resources} that is patient data, the {@code Patient/id} it belongs to
 */
public record AuditedRequest(
		Instant recorded,
		RestOperationTypeEnum operation,
		String operationName,
		String resourceType,
		String requestedId,
		String requestPath,
		String query,
		int status,
		String failure,
		Optional<Caller> caller,
		String remoteAddress,
		String forwardedFor,
		Optional<EmergencyAccessGrant> emergency,
		String claimedPurpose,
		List<String> resources,
		Set<String> patients,
		Map<String, Set<String>> owners) {

	public AuditedRequest {
		resources = List.copyOf(resources);
		patients = Set.copyOf(patients);
		Map<String, Set<String>> copied = new LinkedHashMap<>();
		owners.forEach((resource, of) -> copied.put(resource, Set.copyOf(of)));
		owners = java.util.Collections.unmodifiableMap(copied);
	}

	/** Without knowing whose each resource is (every resource then stays in every patient's AuditEvent). */
	public AuditedRequest(Instant recorded, RestOperationTypeEnum operation, String operationName, String resourceType,
			String requestedId, String requestPath, String query, int status, String failure, Optional<Caller> caller,
			String remoteAddress, String forwardedFor, Optional<EmergencyAccessGrant> emergency, String claimedPurpose,
			List<String> resources, Set<String> patients) {
		this(recorded, operation, operationName, resourceType, requestedId, requestPath, query, status, failure, caller, remoteAddress,
				forwardedFor, emergency, claimedPurpose, resources, patients, Map.of());
	}

	public boolean failed() {
		return status >= 400;
	}
}
