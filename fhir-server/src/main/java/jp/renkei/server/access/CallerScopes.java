package jp.renkei.server.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.renkei.server.auth.Caller;
import jp.renkei.server.auth.SmartScope;

/**
 * What a caller's scopes permit, resource type by resource type. A scope counts only in the context
 * its token can serve: {@code system/} for backend services (no user), {@code user/} for a signed-in
 * practitioner ({@code fhirUser} a Practitioner or PractitionerRole), {@code patient/} only with a
 * {@code patient} claim, and then only within that patient's compartment.
 *
 * <p>Shared resources a patient app needs to show a record (the organizations, practitioners,
 * locations and medications it references) hold no patient's data: a {@code patient/} scope for such
 * a type, or {@code patient/*}, reads them outside the compartment. Writing them needs a
 * {@code user/} or {@code system/} scope.
 */
public final class CallerScopes {

	/**
	 * Types a {@code patient/} read scope reaches outside the patient's compartment: the region's
	 * shared directory (facilities, staff, places, drugs, and the image viewers' Endpoints that a
	 * patient's ImagingStudy names).
	 */
	public static final Set<String> SHARED_TYPES = Set.of("Organization", "Practitioner", "PractitionerRole", "Location", "Medication",
			"Endpoint");

	/**
	 * One usable scope.
	 *
	 * @param scope the parsed scope
	 * @param compartmentPatient the patient id whose compartment limits it ({@code patient/} scopes), else null
	 */
	record Grant(SmartScope scope, String compartmentPatient) {

		boolean covers(String type, Interaction interaction) {
			return (scope.resourceType().equals("*") || scope.resourceType().equals(type))
					&& scope.permissions().indexOf(interaction.letter()) >= 0;
		}

		/** Whether, for this type and interaction, the grant reaches only the patient's compartment. */
		boolean limitedToCompartment(String type, Interaction interaction) {
			return compartmentPatient != null && !(interaction.isReading() && SHARED_TYPES.contains(type));
		}

		String name() {
			return scope.context() + "/" + scope.resourceType() + "." + scope.permissions()
					+ (scope.query().isEmpty() ? "" : "?" + scope.query());
		}
	}

	private final List<Grant> grants;

	private CallerScopes(List<Grant> grants) {
		this.grants = List.copyOf(grants);
	}

	public static CallerScopes of(Caller caller) {
		Optional<String> patient = caller.patient().map(CallerScopes::patientId).filter(id -> !id.isBlank());
		boolean practitioner = caller.fhirUser()
				.filter(user -> user.startsWith("Practitioner/") || user.startsWith("PractitionerRole/"))
				.isPresent();
		List<Grant> grants = new ArrayList<>();
		for (String value : caller.scopes()) {
			SmartScope.parse(value).ifPresent(scope -> {
				switch (scope.context()) {
					case "system" -> {
						if (caller.isSystem()) {
							grants.add(new Grant(scope, null));
						}
					}
					case "user" -> {
						if (practitioner) {
							grants.add(new Grant(scope, null));
						}
					}
					case "patient" -> patient.ifPresent(id -> grants.add(new Grant(scope, id)));
					default -> {}
				}
			});
		}
		return new CallerScopes(grants);
	}

	List<Grant> grants() {
		return grants;
	}

	/** Whether any scope permits {@code interaction} on {@code type} (perhaps only for some resources of it). */
	public boolean permits(String type, Interaction interaction) {
		return grants.stream().anyMatch(grant -> grant.covers(type, interaction));
	}

	/** Whether a scope on every type ({@code system/*.rs}, ...) permits {@code interaction}. */
	public boolean permitsEveryType(Interaction interaction) {
		return grants.stream().anyMatch(grant -> grant.scope().resourceType().equals("*")
				&& grant.scope().permissions().indexOf(interaction.letter()) >= 0);
	}

	/** Whether a scope on every type permits {@code interaction} without a patient's compartment bounding it. */
	public boolean permitsEveryTypeBeyondCompartments(Interaction interaction) {
		return grants.stream().anyMatch(grant -> grant.scope().resourceType().equals("*") && grant.compartmentPatient() == null
				&& grant.scope().permissions().indexOf(interaction.letter()) >= 0);
	}

	/**
	 * The patient whose compartment bounds {@code interaction} on {@code type}: present when every
	 * scope permitting it is a {@code patient/} scope limited to the compartment.
	 */
	public Optional<String> compartment(String type, Interaction interaction) {
		List<Grant> permitting = grants.stream().filter(grant -> grant.covers(type, interaction)).toList();
		if (permitting.isEmpty() || !permitting.stream().allMatch(grant -> grant.limitedToCompartment(type, interaction))) {
			return Optional.empty();
		}
		return Optional.of(permitting.get(0).compartmentPatient());
	}

	/** Whether some type is reachable only within a patient's compartment (a patient-context token). */
	public Optional<String> anyCompartment() {
		return grants.stream().map(Grant::compartmentPatient).filter(id -> id != null).findFirst();
	}

	/**
	 * The granular restrictions ({@code category=laboratory}) on {@code interaction} for {@code type}:
	 * empty when some permitting scope is unrestricted, else the queries of the permitting scopes
	 * (a resource must match one of them).
	 */
	public List<String> granularQueries(String type, Interaction interaction) {
		List<Grant> permitting = grants.stream().filter(grant -> grant.covers(type, interaction)).toList();
		if (permitting.stream().anyMatch(grant -> grant.scope().query().isEmpty())) {
			return List.of();
		}
		return permitting.stream().map(grant -> grant.scope().query()).distinct().toList();
	}

	/** The patient claim as an id: {@code 123} from {@code 123} or {@code Patient/123}. */
	static String patientId(String claim) {
		return claim.startsWith("Patient/") ? claim.substring("Patient/".length()) : claim;
	}
}
