package jp.renkei.server.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.UrlUtil;
import ca.uhn.fhir.util.bundle.BundleEntryParts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Maps every interaction to the SMART permission it needs and refuses it with 403
 * {@code insufficient_scope} when no granted scope permits it: read, vread and history need
 * {@code r}; search needs {@code s} on the searched type and on what {@code _include} and
 * {@code _revinclude} bring in; create {@code c}; update and patch {@code u}; delete {@code d}.
 * Batch and transaction entries are checked one by one, and every write is checked again at the
 * storage layer (a conditional update that creates needs {@code c}).
 *
 * <p>Which resources the permitted interaction may then touch (a patient's compartment, a granular
 * category) is {@link SmartAuthorizationInterceptor}'s and {@link CompartmentSearchNarrowing}'s job.
 * A patient-context token cannot use the interactions that would span patients: system-wide search,
 * type- and system-level history, and entry searches inside a batch.
 */
@Component
@Interceptor
public class ScopeEnforcementInterceptor implements FhirServerInterceptor {

	private static final Set<String> INCLUDE_PARAMETERS = Set.of(Constants.PARAM_INCLUDE, Constants.PARAM_INCLUDE_ITERATE,
			Constants.PARAM_INCLUDE_RECURSE, Constants.PARAM_REVINCLUDE, Constants.PARAM_REVINCLUDE_ITERATE,
			Constants.PARAM_REVINCLUDE_RECURSE);

	private final RequestCaller callers;
	private final FhirContext fhirContext;

	public ScopeEnforcementInterceptor(RequestCaller callers, FhirContext fhirContext) {
		this.callers = callers;
		this.fhirContext = fhirContext;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = BearerTokenInterceptor.ORDER + 10)
	public void checkRequest(RequestDetails request) {
		Optional<Caller> caller = callers.of(request);
		if (caller.isEmpty()) {
			return;
		}
		CallerScopes scopes = CallerScopes.of(caller.get());
		String type = request.getResourceName();
		RestOperationTypeEnum operation = request.getRestOperationType();
		switch (operation) {
			case READ, VREAD, HISTORY_INSTANCE -> require(scopes, type, Interaction.READ);
			case HISTORY_TYPE -> {
				require(scopes, type, Interaction.READ);
				refuseAcrossPatients(scopes, type, Interaction.READ, "type-level history");
			}
			case HISTORY_SYSTEM -> {
				requireEveryType(scopes, Interaction.READ);
				refuseAcrossPatients(scopes, null, Interaction.READ, "system-level history");
			}
			case SEARCH_TYPE -> {
				require(scopes, type, Interaction.SEARCH);
				requireIncludes(scopes, request.getParameters());
			}
			case SEARCH_SYSTEM -> checkSystemSearch(scopes, request.getParameters());
			case CREATE -> require(scopes, type, Interaction.CREATE);
			case UPDATE, PATCH -> require(scopes, type, Interaction.UPDATE);
			case DELETE -> require(scopes, type, Interaction.DELETE);
			case EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_TYPE -> checkOperation(scopes, type, request.getOperation());
			// Paging links are bound to their caller (PageLinkGuard) and their resources checked on the way out.
			case GET_PAGE, METADATA, TRANSACTION, BATCH -> {}
			default -> throw BearerChallenge.forbidden("The interaction " + operation.getCode() + " is not available with an access token");
		}
	}

	/** Batch and transaction entries, once the bundle is parsed: each needs its own permission. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -10)
	public void checkBundleEntries(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (operation != RestOperationTypeEnum.TRANSACTION && operation != RestOperationTypeEnum.BATCH) {
			return;
		}
		Optional<Caller> caller = callers.of(request);
		if (caller.isEmpty() || !(request.getResource() instanceof IBaseBundle bundle)) {
			return;
		}
		CallerScopes scopes = CallerScopes.of(caller.get());
		for (BundleEntryParts entry : BundleUtil.toListOfEntries(fhirContext, bundle)) {
			checkEntry(scopes, entry, operation == RestOperationTypeEnum.BATCH);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void checkCreate(IBaseResource resource, RequestDetails request) {
		checkStorage(request, resource, Interaction.CREATE);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void checkUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		checkStorage(request, updated, Interaction.UPDATE);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void checkDelete(IBaseResource resource, RequestDetails request) {
		checkStorage(request, resource, Interaction.DELETE);
	}

	private void checkStorage(RequestDetails request, IBaseResource resource, Interaction interaction) {
		Optional<Caller> caller = callers.of(request);
		if (caller.isPresent()) {
			require(CallerScopes.of(caller.get()), fhirContext.getResourceType(resource), interaction);
		}
	}

	private void checkEntry(CallerScopes scopes, BundleEntryParts entry, boolean batch) {
		if (entry.getRequestType() == null) {
			return;
		}
		if (entry.getUrl() == null || entry.getUrl().isBlank()) {
			throw new InvalidRequestException("Every batch or transaction entry needs request.url");
		}
		UrlUtil.UrlParts url = UrlUtil.parseUrl(entry.getUrl());
		String type = url.getResourceType();
		if (type == null && entry.getResource() != null) {
			type = fhirContext.getResourceType(entry.getResource());
		}
		if (type == null || !fhirContext.getResourceTypes().contains(type)) {
			throw new InvalidRequestException("Bundle entry " + entry.getRequestType() + " " + entry.getUrl() + " names no resource type");
		}
		switch (entry.getRequestType()) {
			case GET, HEAD -> {
				boolean search = url.getResourceId() == null;
				if (search) {
					require(scopes, type, Interaction.SEARCH);
					requireIncludes(scopes, UrlUtil.parseQueryString(url.getParams()));
					if (batch) {
						// Transactions' entry searches are narrowed to the compartment by HAPI; batch entries are not.
						refuseAcrossPatients(scopes, type, Interaction.SEARCH, "a search inside a batch");
					}
				} else {
					require(scopes, type, Interaction.READ);
				}
			}
			case POST -> require(scopes, type, Interaction.CREATE);
			case PUT, PATCH -> require(scopes, type, Interaction.UPDATE);
			case DELETE -> require(scopes, type, Interaction.DELETE);
			default -> throw BearerChallenge.forbidden("Bundle entries with method " + entry.getRequestType() + " are not accepted");
		}
	}

	private void checkSystemSearch(CallerScopes scopes, Map<String, String[]> parameters) {
		String[] types = parameters.get(Constants.PARAM_TYPE);
		if (types == null) {
			requireEveryType(scopes, Interaction.SEARCH);
		} else {
			for (String value : types) {
				for (String type : value.split(",")) {
					require(scopes, type.trim(), Interaction.SEARCH);
				}
			}
		}
		requireIncludes(scopes, parameters);
		refuseAcrossPatients(scopes, null, Interaction.SEARCH, "a search across all resource types");
	}

	private void checkOperation(CallerScopes scopes, String type, String operation) {
		switch (operation) {
			case "$everything" -> require(scopes, type, Interaction.READ);
			// The emergency summary is a document of the patient's record: reading it needs read on each type it holds.
			case "$summary" -> {
				for (String shown : List.of("Patient", "Composition", "AllergyIntolerance", "Condition", "Observation",
						"MedicationRequest", "Procedure", "Encounter", "ImagingStudy", "DiagnosticReport", "DocumentReference")) {
					require(scopes, shown, Interaction.READ);
				}
			}
			case "$validate" -> {
				if (!scopes.permits(type, Interaction.CREATE) && !scopes.permits(type, Interaction.UPDATE)) {
					throw BearerChallenge.insufficientScope("$validate on " + type + " needs a scope to create or update it");
				}
			}
			// The consent workflows (package consent): recording stores a Consent and the form as a Binary.
			case "$record-consent" -> {
				require(scopes, "Consent", Interaction.CREATE);
				require(scopes, "Binary", Interaction.CREATE);
			}
			case "$add-facility", "$withdraw" -> require(scopes, "Consent", Interaction.UPDATE);
			// The regional identity (package identity): $match searches Patients across the region; the
			// review operations read them (who may review is the identity package's decision).
			case "$match" -> {
				require(scopes, "Patient", Interaction.SEARCH);
				refuseAcrossPatients(scopes, "Patient", Interaction.SEARCH, "Patient/$match");
			}
			case "$identity", "$link", "$unlink" -> {
				require(scopes, "Patient", Interaction.READ);
				refuseAcrossPatients(scopes, "Patient", Interaction.READ, "a review of the regional identity");
			}
			// Any other operation is refused by SmartAuthorizationInterceptor unless a rule allows it.
			default -> {}
		}
	}

	/** {@code _include} needs {@code s} on a type it can bring in, {@code _revinclude} on its source type. */
	private void requireIncludes(CallerScopes scopes, Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (!INCLUDE_PARAMETERS.contains(parameter.getKey())) {
				continue;
			}
			boolean reverse = parameter.getKey().startsWith(Constants.PARAM_REVINCLUDE);
			for (String value : parameter.getValue()) {
				checkInclude(scopes, value, reverse);
			}
		}
	}

	private void checkInclude(CallerScopes scopes, String value, boolean reverse) {
		String[] parts = value.split(":");
		if (parts[0].equals("*") || parts.length < 2) {
			requireEveryType(scopes, Interaction.SEARCH);
			return;
		}
		if (reverse) {
			require(scopes, parts[0], Interaction.SEARCH);
			return;
		}
		if (parts.length > 2) {
			require(scopes, parts[2], Interaction.SEARCH);
			return;
		}
		List<String> targets = targetsOf(parts[0], parts[1]);
		if (targets.isEmpty()) {
			requireEveryType(scopes, Interaction.SEARCH);
		} else if (targets.stream().noneMatch(target -> scopes.permits(target, Interaction.SEARCH))) {
			throw BearerChallenge.insufficientScope("_include=" + value + " brings in " + String.join(", ", targets)
					+ ", which no granted scope may search");
		}
	}

	private List<String> targetsOf(String type, String parameterName) {
		if (!fhirContext.getResourceTypes().contains(type)) {
			return List.of();
		}
		RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
		RuntimeSearchParam parameter = definition.getSearchParam(parameterName);
		return parameter == null ? List.of() : List.copyOf(parameter.getTargets());
	}

	private static void require(CallerScopes scopes, String type, Interaction interaction) {
		if (type == null) {
			requireEveryType(scopes, interaction);
		} else if (!scopes.permits(type, interaction)) {
			throw BearerChallenge.insufficientScope("no granted scope permits '" + interaction.letter() + "' on " + type);
		}
	}

	private static void requireEveryType(CallerScopes scopes, Interaction interaction) {
		if (!scopes.permitsEveryType(interaction)) {
			throw BearerChallenge.insufficientScope("this request spans all resource types and needs '"
					+ interaction.letter() + "' on *");
		}
	}

	/** A patient-context token reaches one compartment; interactions that cannot be narrowed to it are refused. */
	private static void refuseAcrossPatients(CallerScopes scopes, String type, Interaction interaction, String what) {
		boolean limited = type == null
				? !scopes.permitsEveryTypeBeyondCompartments(interaction)
				: scopes.compartment(type, interaction).isPresent();
		if (limited) {
			throw BearerChallenge.forbidden("A patient-context token cannot make " + what + ": it would reach beyond the patient's compartment");
		}
	}
}
