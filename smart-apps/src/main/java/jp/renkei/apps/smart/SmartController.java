package jp.renkei.apps.smart;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The apps' redirect URI {@code /smart/callback} (shared by every app: the pending authorization
 * says which app started it) and {@code /smart/context}, which shows what the current launch gave
 * the app: the signed-in user, the granted scopes and the patient in context with the patient banner,
 * read from the FHIR server with the user's token.
 */
@Controller
class SmartController {

	private final SmartAuthorization authorization;
	private final SmartSessions sessions;
	private final SmartApps apps;
	private final Clock clock;

	SmartController(SmartAuthorization authorization, SmartSessions sessions, SmartApps apps, Clock clock) {
		this.authorization = authorization;
		this.sessions = sessions;
		this.apps = apps;
		this.clock = clock;
	}

	@GetMapping(SmartAuthorization.CALLBACK_PATH)
	String callback(HttpServletRequest request, @RequestParam(name = "state", required = false) String state,
			@RequestParam(name = "code", required = false) String code,
			@RequestParam(name = "error", required = false) String error) {
		SmartSession session = authorization.complete(request, state, code, error, apps);
		return "redirect:" + apps.find(session.appId()).homePath();
	}

	@GetMapping("/smart/context")
	String context(HttpServletRequest request, Model model) {
		SmartSession session = sessions.current(request)
				.orElseThrow(() -> new SmartSessionExpiredException(null, "no SMART session"));
		model.addAttribute("smart", session);
		model.addAttribute("app", apps.find(session.appId()));
		session.patient().ifPresent(patientId -> {
			IGenericClient fhir = sessions.fhirClient(session);
			Patient patient = fhir.read().resource(Patient.class).withId(patientId).execute();
			model.addAttribute("banner", PatientBanner.of(patient, LocalDate.now(clock)));
		});
		return "smart/context";
	}
}
