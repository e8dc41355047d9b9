package jp.renkei.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.stereotype.Component;

/**
 * Searches that match through other resources: a chain ({@code Observation?patient.family=...}) or a
 * reverse chain ({@code Patient?_has:Observation:subject:code=...}). The database matched them on
 * resources the caller may not see, so a result is shown only when it also matches through what the
 * caller may see; otherwise the answer would reveal a hidden patient's name or a hidden observation.
 *
 * <ul>
 *   <li>Chain: every patient resource the result refers to must be visible (strict: a result that
 *       refers to a hidden patient record is not shown to a chained search at all).</li>
 *   <li>Reverse chain: at least one resource of the inner search that refers to the result must be
 *       visible; the inner search runs again for the result and each match is decided.</li>
 * </ul>
 */
@Component
public class IndirectMatches {

	private static final int INNER_MATCHES_CHECKED = 50;

	private final FhirContext fhirContext;
	private final DaoRegistry daos;
	private final MatchUrlService matchUrls;
	private final PatientData patientData;

	public IndirectMatches(FhirContext fhirContext, DaoRegistry daos, MatchUrlService matchUrls, PatientData patientData) {
		this.fhirContext = fhirContext;
		this.daos = daos;
		this.matchUrls = matchUrls;
		this.patientData = patientData;
	}

	/** Whether the request searches through other resources at all. */
	boolean searchesIndirectly(RequestDetails request) {
		if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || request.getParameters() == null) {
			return false;
		}
		return request.getParameters().keySet().stream().anyMatch(IndirectMatches::isIndirect);
	}

	/**
	 * Whether {@code resource}, a result of the request's search, matches through resources the caller may see.
	 *
	 * @param visible the consent decision for the caller of the request
	 */
	boolean matchesThroughVisible(RequestDetails request, IBaseResource resource, PatientData.Lookups lookups,
			BiPredicate<RequestDetails, IBaseResource> visible) {
		if (!resource.fhirType().equals(request.getResourceName())) {
			return true;
		}
		for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
			String name = parameter.getKey();
			if (name.startsWith("_has:")) {
				if (!reverseChainMatchesVisible(request, resource, name, parameter.getValue(), visible)) {
					return false;
				}
			} else if (isIndirect(name) && !referencesOnlyVisible(request, resource, lookups, visible)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isIndirect(String name) {
		return name.startsWith("_has:") || !name.startsWith("_") && name.contains(".");
	}

	private boolean referencesOnlyVisible(RequestDetails request, IBaseResource resource, PatientData.Lookups lookups,
			BiPredicate<RequestDetails, IBaseResource> visible) {
		List<IBaseReference> references = fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, IBaseReference.class);
		for (IBaseReference reference : references) {
			IIdType target = reference.getReferenceElement();
			if (target == null || !target.hasIdPart() || target.getResourceType() == null || target.isAbsolute()
					|| !patientData.isPatientDataType(target.getResourceType())) {
				continue;
			}
			var found = lookups.resource(target);
			if (found.isPresent() && !visible.test(request, found.get())) {
				return false;
			}
		}
		return true;
	}

	private boolean reverseChainMatchesVisible(RequestDetails request, IBaseResource resource, String name, String[] values,
			BiPredicate<RequestDetails, IBaseResource> visible) {
		String[] parts = name.split(":", 4);
		if (parts.length < 4 || !fhirContext.getResourceTypes().contains(parts[1])) {
			return false;
		}
		String innerType = parts[1];
		StringBuilder url = new StringBuilder(innerType).append('?').append(encode(parts[2])).append('=')
				.append(encode(resource.fhirType() + "/" + resource.getIdElement().getIdPart()));
		for (String value : values) {
			url.append('&').append(encode(parts[3])).append('=').append(encode(value));
		}
		RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(innerType);
		SearchParameterMap map = matchUrls.translateMatchUrl(url.toString(), definition);
		map.setLoadSynchronousUpTo(INNER_MATCHES_CHECKED);
		IBundleProvider inner = daos.getResourceDao(innerType).search(map, new SystemRequestDetails());
		for (IBaseResource match : inner.getResources(0, INNER_MATCHES_CHECKED)) {
			if (visible.test(request, match)) {
				return true;
			}
		}
		return false;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
