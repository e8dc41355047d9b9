package jp.renkei.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Validates resources against the profiles they claim (JP Core and the project's own) and enforces
 * that the configured resource types claim one.
 *
 * <p>Thread-safe: one instance serves all requests. Snapshots, expansions and code look-ups are
 * cached by the validation support chain, so only the first resource of a profile pays for them.
 */
public class ProfileValidator {

	private final FhirContext fhirContext;
	private final IValidationSupport validationSupport;
	private final FhirValidator validator;
	private final String profileNamespace;
	private final Set<String> requiredProfileTypes;
	private final boolean validateUnprofiled;

	public ProfileValidator(
			FhirContext fhirContext, IValidationSupport validationSupport, ConformanceProperties properties) {
		this.fhirContext = fhirContext;
		this.validationSupport = validationSupport;
		this.profileNamespace = properties.profileNamespace();
		this.requiredProfileTypes = Set.copyOf(properties.requiredProfileTypes());
		this.validateUnprofiled = properties.validateUnprofiled();
		FhirInstanceValidator instanceValidator = new FhirInstanceValidator(validationSupport);
		// A profile we do not know is a client error, not a warning to ignore.
		instanceValidator.setErrorForUnknownProfiles(true);
		instanceValidator.setAnyExtensionsAllowed(true);
		this.validator = fhirContext.newValidator().setValidateAgainstStandardSchema(false)
				.setValidateAgainstStandardSchematron(false);
		this.validator.registerValidatorModule(instanceValidator);
	}

	/** Problems with a resource; empty when it may be stored. */
	public OperationOutcome check(IBaseResource resource) {
		OperationOutcome outcome = new OperationOutcome();
		String type = fhirContext.getResourceType(resource);
		List<String> claimed = claimedProfiles(resource);

		List<String> unknown = new ArrayList<>();
		boolean claimsRequiredNamespace = false;
		for (int i = 0; i < claimed.size(); i++) {
			String profile = claimed.get(i);
			StructureDefinition definition = fetchProfile(profile);
			if (definition == null) {
				unknown.add(profile);
				addError(outcome, OperationOutcome.IssueType.NOTSUPPORTED,
						"Unknown profile " + profile + " in meta.profile: this server does not know it",
						type + ".meta.profile[" + i + "]");
			} else if (!type.equals(definition.getType())) {
				addError(outcome, OperationOutcome.IssueType.INVALID,
						"Profile " + profile + " constrains " + definition.getType() + ", not " + type,
						type + ".meta.profile[" + i + "]");
			} else if (derivesFromNamespace(definition)) {
				claimsRequiredNamespace = true;
			}
		}
		if (requiredProfileTypes.contains(type) && !claimsRequiredNamespace && unknown.isEmpty()) {
			addError(outcome, OperationOutcome.IssueType.REQUIRED,
					type + " must claim a JP Core profile (" + profileNamespace + "…) in meta.profile",
					type + ".meta.profile");
		}
		if (outcome.hasIssue()) {
			return outcome;
		}
		if (claimed.isEmpty() && !validateUnprofiled) {
			return outcome;
		}
		ValidationResult result = validator.validateWithResult(resource);
		for (SingleValidationMessage message : result.getMessages()) {
			if (message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL) {
				addError(outcome, OperationOutcome.IssueType.INVALID, message.getMessage(), message.getLocationString());
			}
		}
		return outcome;
	}

	private List<String> claimedProfiles(IBaseResource resource) {
		List<String> profiles = new ArrayList<>();
		for (IPrimitiveType<String> profile : resource.getMeta().getProfile()) {
			if (profile.getValue() != null) {
				profiles.add(profile.getValue());
			}
		}
		return profiles;
	}

	private StructureDefinition fetchProfile(String url) {
		IBaseResource found = validationSupport.fetchStructureDefinition(url);
		return found instanceof StructureDefinition definition ? definition : null;
	}

	/** True when the profile is, or is derived from, a profile in the required namespace. */
	boolean derivesFromNamespace(StructureDefinition definition) {
		Set<String> seen = new HashSet<>();
		StructureDefinition current = definition;
		while (current != null && seen.add(current.getUrl())) {
			if (current.getUrl().startsWith(profileNamespace)) {
				return true;
			}
			current = current.hasBaseDefinition() ? fetchProfile(current.getBaseDefinition()) : null;
		}
		return false;
	}

	private static void addError(OperationOutcome outcome, OperationOutcome.IssueType code, String text, String location) {
		OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(code)
				.setDiagnostics(text);
		if (location != null && !location.isBlank()) {
			issue.addExpression(location);
			issue.getLocation().add(new StringType(location));
		}
	}
}
