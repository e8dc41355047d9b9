package jp.renkei.server.auth;

import java.util.List;

/**
 * The context a launch hands to an app (SMART App Launch 2 launch context), as the token response
 * returns it: the patient and encounter in context, whether the app must show a patient banner,
 * the EHR's style sheet and further FHIR resources in context.
 *
 * @param patient the Patient id in context, or null
 * @param encounter the Encounter id in context, or null
 * @param needPatientBanner whether the app must show which patient it is about (the EHR shows no banner of its own)
 * @param smartStyleUrl URL of the EHR's style JSON, or null
 * @param fhirContext further resources in context, as relative references ({@code ServiceRequest/x})
 */
public record LaunchContext(
		String patient,
		String encounter,
		boolean needPatientBanner,
		String smartStyleUrl,
		List<String> fhirContext) {

	public LaunchContext {
		fhirContext = fhirContext == null ? List.of() : List.copyOf(fhirContext);
	}

	public static LaunchContext none() {
		return new LaunchContext(null, null, false, null, List.of());
	}

	public LaunchContext withPatient(String patientId, boolean banner) {
		return new LaunchContext(patientId, encounter, banner, smartStyleUrl, fhirContext);
	}
}
