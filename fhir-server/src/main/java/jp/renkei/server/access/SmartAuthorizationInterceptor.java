package jp.renkei.server.access;

import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.matcher.AuthorizationSearchParamMatcher;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Optional;
import jp.renkei.server.access.CallerScopes.Grant;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.config.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * HAPI's {@link AuthorizationInterceptor} with rules built from the caller's scopes. It checks what
 * the request touches, not only what it asks for: every resource going out (search results, includes,
 * paging, history, batch and transaction responses, operation results) and every resource written.
 *
 * <ul>
 *   <li>{@code system/} and {@code user/} scopes grant their resource types; a granular scope
 *       ({@code ?category=laboratory}) only the resources matching its query.</li>
 *   <li>{@code patient/} scopes grant the patient's compartment only (and the shared types in
 *       {@link CallerScopes#SHARED_TYPES} for reading); writes outside the compartment are refused.</li>
 *   <li>{@code $everything} on a patient the caller may read, {@code $validate} at type level for
 *       writers, the consent workflows ({@code $record-consent}, {@code $add-facility},
 *       {@code $withdraw}) for those who may write consents, {@code AuditEvent/{id}/$review} (for
 *       privacy officers, checked by the audit package), {@code Patient/$match} for Patient searchers
 *       and the identity review operations ({@code $identity}, {@code $link}, {@code $unlink}) for
 *       Patient readers (not with a patient-context token); no other operation.</li>
 *   <li>Everything else is denied (403).</li>
 * </ul>
 * The letters within a scope (read vs search, create vs update) are {@link ScopeEnforcementInterceptor}'s.
 */
@Component
public class SmartAuthorizationInterceptor extends AuthorizationInterceptor implements FhirServerInterceptor {

	private final RequestCaller callers;
	private final boolean openAccess;

	public SmartAuthorizationInterceptor(RequestCaller callers, AccessProperties properties, SearchParamMatcher searchParamMatcher) {
		super(PolicyEnum.DENY);
		this.callers = callers;
		this.openAccess = properties.openAccessForDevelopment();
		setAuthorizationSearchParamMatcher(new AuthorizationSearchParamMatcher(searchParamMatcher));
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails || openAccess) {
			// The server's own work (loading the demo region, conformance resources) has no caller to check.
			return new RuleBuilder().allowAll("the server itself").build();
		}
		Optional<Caller> caller = callers.of(request);
		if (caller.isEmpty()) {
			return new RuleBuilder().allow("capability statement").metadata().andThen().denyAll("no access token").build();
		}
		return rulesFor(CallerScopes.of(caller.get()));
	}

	/**
	 * Resources the server reads for itself (a search by the demo loader, a conformance look-up) pass
	 * the same storage hooks without a REST interaction; HAPI's checks need one.
	 */
	@Override
	public void hookPreShow(RequestDetails request, IPreResourceShowDetails details, Pointcut pointcut) {
		if (isRestRequest(request)) {
			super.hookPreShow(request, details, pointcut);
		}
	}

	@Override
	public void hookOutgoingResponse(RequestDetails request, IBaseResource response, Pointcut pointcut) {
		if (isRestRequest(request)) {
			super.hookOutgoingResponse(request, response, pointcut);
		}
	}

	/** A FHIR answer that says what happened (issue code forbidden), not HAPI's generic exception text. */
	@Override
	protected void handleDeny(RequestDetails request, Verdict verdict) {
		if (namesOneResource(request) && callers.of(request).flatMap(Caller::patient).isPresent()) {
			// A patient app reading another patient's resource by id learns no more than for an id that
			// does not exist: the same 404 (the read found it; a 403 would confirm it exists).
			throw new ResourceNotFoundException(request.getId().toUnqualifiedVersionless());
		}
		throw BearerChallenge.forbidden("Access denied: the granted scopes do not reach this resource or operation"
				+ " (for a patient-context token: the patient's own compartment only)");
	}

	private static boolean namesOneResource(RequestDetails request) {
		return (request.getRestOperationType() == RestOperationTypeEnum.READ
				|| request.getRestOperationType() == RestOperationTypeEnum.VREAD)
				&& request.getId() != null && request.getId().hasIdPart();
	}

	private static boolean isRestRequest(RequestDetails request) {
		return request != null && !(request instanceof SystemRequestDetails) && request.getRestOperationType() != null;
	}

	static List<IAuthRule> rulesFor(CallerScopes scopes) {
		RuleBuilder rules = new RuleBuilder();
		rules.allow("capability statement").metadata();
		rules.allow("batch and transaction entries, each checked on its own").transaction().withAnyOperation().andApplyNormalRules();
		boolean patch = false;
		boolean writes = false;
		for (Grant grant : scopes.grants()) {
			String permissions = grant.scope().permissions();
			if (permissions.indexOf('r') >= 0 || permissions.indexOf('s') >= 0) {
				allowReading(rules, grant);
			}
			if (permissions.indexOf('u') >= 0) {
				// The storage layer checks that a write which creates also has 'c'.
				restrict(rules, grant, rules.allow(grant.name()).write(), false);
				patch = true;
				writes = true;
			} else if (permissions.indexOf('c') >= 0) {
				restrict(rules, grant, rules.allow(grant.name()).create(), false);
				writes = true;
			}
			if (permissions.indexOf('d') >= 0) {
				restrict(rules, grant, rules.allow(grant.name()).delete(), false);
			}
		}
		if (patch) {
			// A patch is then checked as the update it makes (old and new resource).
			rules.allow("patch, checked as an update").patch().allRequests();
		}
		if (writes) {
			// Validation answers with an OperationOutcome only; ScopeEnforcementInterceptor requires c or u on the type.
			rules.allow("$validate").operation().named("$validate").onAnyType().andAllowAllResponses();
		}
		allowEverything(rules, scopes);
		allowIdentityOperations(rules, scopes);
		allowConsentWorkflows(rules, scopes);
		// Only a privacy officer may call it: checked by jp.renkei.server.audit.AuditEventProtection.
		rules.allow("AuditEvent $review").operation().named("$review").onInstancesOfType(AuditEvent.class).andAllowAllResponses();
		return rules.denyAll("not permitted by the granted scopes").build();
	}

	private static void allowReading(RuleBuilder rules, Grant grant) {
		String type = grant.scope().resourceType();
		boolean shared = CallerScopes.SHARED_TYPES.contains(type);
		restrict(rules, grant, rules.allow(grant.name()).read(), shared);
		if (grant.compartmentPatient() != null && type.equals("*")) {
			for (String sharedType : CallerScopes.SHARED_TYPES) {
				String query = grant.scope().query();
				IAuthRuleBuilderRuleOpClassifier classifier =
						rules.allow(grant.name() + " (shared " + sharedType + ")").read().resourcesOfType(sharedType);
				if (query.isEmpty()) {
					classifier.withAnyId();
				} else {
					classifier.withFilter(query);
				}
			}
		}
	}

	/** The rule's reach: the scope's type, its granular query, and the patient's compartment unless {@code outsideCompartment}. */
	private static void restrict(RuleBuilder rules, Grant grant, IAuthRuleBuilderRuleOp op, boolean outsideCompartment) {
		String type = grant.scope().resourceType();
		String query = grant.scope().query();
		IAuthRuleBuilderRuleOpClassifier classifier = type.equals("*") ? op.allResources() : op.resourcesOfType(type);
		String patient = grant.compartmentPatient();
		if (patient != null && !outsideCompartment) {
			IdType owner = new IdType("Patient", patient);
			if (query.isEmpty()) {
				classifier.inCompartment("Patient", owner);
			} else {
				classifier.inCompartmentWithFilter("Patient", owner, query);
			}
		} else if (query.isEmpty()) {
			classifier.withAnyId();
		} else {
			classifier.withFilter(query);
		}
	}

	/**
	 * The consent workflows of the consent package for callers who may write consents; what they
	 * read and write inside is checked against these same rules, who may change which consent there.
	 */
	private static void allowConsentWorkflows(RuleBuilder rules, CallerScopes scopes) {
		if (scopes.permits("Consent", Interaction.CREATE) && scopes.permits("Binary", Interaction.CREATE)) {
			rules.allow("$record-consent").operation().named("$record-consent")
					.onInstancesOfType(Patient.class).andRequireExplicitResponseAuthorization();
		}
		if (scopes.permits("Consent", Interaction.UPDATE)) {
			for (String operation : List.of("$add-facility", "$withdraw")) {
				rules.allow(operation).operation().named(operation)
						.onInstancesOfType(Consent.class).andRequireExplicitResponseAuthorization();
			}
		}
	}

	/**
	 * The regional identity (package identity): {@code Patient/$match} for callers who may search
	 * Patients beyond one patient's compartment, its results checked like any other read; the review
	 * operations ({@code $identity}, {@code $link}, {@code $unlink}) for readers of Patients, limited
	 * to privacy officers and region operators by the identity package.
	 */
	private static void allowIdentityOperations(RuleBuilder rules, CallerScopes scopes) {
		if (scopes.permits("Patient", Interaction.SEARCH) && scopes.compartment("Patient", Interaction.SEARCH).isEmpty()) {
			rules.allow("$match").operation().named("$match").onType(Patient.class).andRequireExplicitResponseAuthorization();
		}
		if (scopes.permits("Patient", Interaction.READ) && scopes.compartment("Patient", Interaction.READ).isEmpty()) {
			for (String operation : List.of("$identity", "$link", "$unlink")) {
				rules.allow(operation).operation().named(operation).onInstancesOfType(Patient.class).andAllowAllResponses();
			}
		}
	}

	/**
	 * {@code Patient/<id>/$everything} and the emergency summary {@code Patient/<id>/$summary}: their
	 * results are checked like any other read.
	 */
	private static void allowEverything(RuleBuilder rules, CallerScopes scopes) {
		if (!scopes.permits("Patient", Interaction.READ)) {
			return;
		}
		Optional<String> compartment = scopes.compartment("Patient", Interaction.READ);
		for (String operation : List.of("$everything", "$summary")) {
			if (compartment.isPresent()) {
				rules.allow(operation + " of the patient in context").operation().named(operation)
						.onInstance(new IdType("Patient", compartment.get())).andRequireExplicitResponseAuthorization();
			} else {
				rules.allow(operation).operation().named(operation)
						.onInstancesOfType(Patient.class).andRequireExplicitResponseAuthorization();
			}
		}
	}
}
