package jp.renkei.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import jp.renkei.server.auth.LoginSession.SignedIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /launch-simulator}: launches a registered SMART app the way an EHR would, for demos and
 * tests ({@code renkei.auth.launch-simulator.enabled}, on in the {@code demo} profile). The signed-in
 * user chooses a patient of their organization, one of the patient's encounters and an app with a
 * launch URL; the simulator registers the launch context and opens
 * {@code <launch URL>?iss=<FHIR base>&launch=<id>}. It shows exactly what it sends, like the SMART
 * reference launcher.
 */
@Controller
public class LaunchSimulator {

	private static final Logger LOG = LoggerFactory.getLogger(LaunchSimulator.class);
	static final String PATH = "/launch-simulator";

	private final UserAuthProperties properties;
	private final PatientFinder patients;
	private final ClientRegistry clients;
	private final AuthProperties clientProperties;
	private final LaunchContexts launches;
	private final AuthServerUrls urls;
	private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	public LaunchSimulator(UserAuthProperties properties, PatientFinder patients, ClientRegistry clients,
			AuthProperties clientProperties, LaunchContexts launches, AuthServerUrls urls) {
		this.properties = properties;
		this.patients = patients;
		this.clients = clients;
		this.clientProperties = clientProperties;
		this.launches = launches;
		this.urls = urls;
	}

	@GetMapping(PATH)
	public ModelAndView page(HttpServletRequest http, @RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "patient", required = false) String patientId) {
		checkEnabled();
		LoginSession session = LoginSession.of(http);
		Optional<SignedIn> signedIn = session.signedIn();
		if (signedIn.isEmpty()) {
			return AuthorizationRedirect.redirect(AuthorizationFlow.LOGIN_PATH + "?next=" + AuthorizationFlow.SIMULATOR);
		}
		UserAccount user = signedIn.get().account();
		ModelAndView page = new ModelAndView("auth/simulator");
		page.addObject("csrf", session.csrfToken());
		page.addObject("user", user);
		page.addObject("query", query == null ? "" : query);
		page.addObject("fhirBase", urls.fhirBaseUrl());
		String chosen = user.ownPatientId().orElse(patientId);
		page.addObject("patients", user.isPatient() ? List.of() : patients.search(user.organization(), query));
		Optional<PatientFinder.PatientSummary> patient = visible(user, chosen);
		page.addObject("patient", patient.orElse(null));
		page.addObject("encounters", patient.map(p -> patients.encounters(p.id())).orElse(List.of()));
		page.addObject("apps", apps());
		return page;
	}

	@PostMapping(PATH)
	public ModelAndView launch(HttpServletRequest http, @RequestParam(name = "patient", required = false) String patientId,
			@RequestParam(name = "encounter", required = false) String encounterId,
			@RequestParam(name = "app", required = false) String clientId,
			@RequestParam(name = "banner", required = false) String banner,
			@RequestParam(name = "action", required = false) String action) {
		checkEnabled();
		LoginSession session = LoginSession.of(http);
		if (!session.csrfMatches(http.getParameter("_csrf"))) {
			throw new AuthorizationPageException("auth.error.csrf", "the form's CSRF token is missing or wrong", HttpStatus.FORBIDDEN);
		}
		SignedIn signedIn = session.signedIn().orElseThrow(() -> AuthorizationPageException.badRequest(
				"auth.error.requestExpired", "not signed in"));
		UserAccount user = signedIn.account();
		PatientFinder.PatientSummary patient = visible(user, user.ownPatientId().orElse(patientId)).orElseThrow(() ->
				AuthorizationPageException.badRequest("auth.error.patient", "choose a patient of your organization"));
		String encounter = encounterId == null || encounterId.isBlank() ? null : encounterId;
		if (encounter != null && !patients.isEncounterOf(encounter, patient.id())) {
			throw AuthorizationPageException.badRequest("auth.error.encounter", "the encounter is not one of the patient's");
		}
		RegisteredClient app = clients.find(clientId).filter(c -> c.launchUri() != null).orElseThrow(() ->
				AuthorizationPageException.badRequest("auth.error.app", "choose a registered app with a launch URL"));
		LaunchContext context = new LaunchContext(patient.id(), encounter, banner != null, urls.smartStyleUrl(), List.of());
		String launchId = launches.create(context, user.username(), "launch-simulator");
		String launchUrl = app.launchUri() + (app.launchUri().toString().contains("?") ? "&" : "?")
				+ "iss=" + URLEncoder.encode(urls.fhirBaseUrl(), StandardCharsets.UTF_8)
				+ "&launch=" + URLEncoder.encode(launchId, StandardCharsets.UTF_8);
		LOG.info("Launch simulator: user {} launched {} for patient {}", user.username(), app.clientId(), patient.id());
		if ("launch".equals(action)) {
			return AuthorizationRedirect.redirect(launchUrl);
		}
		Map<String, Object> sent = new LinkedHashMap<>();
		sent.put("launch", launchId);
		sent.put("user", user.username());
		sent.put("fhirUser", user.fhirUser());
		sent.put("patient", context.patient());
		sent.put("encounter", context.encounter());
		sent.put("need_patient_banner", context.needPatientBanner());
		sent.put("smart_style_url", context.smartStyleUrl());
		sent.put("expires_in", launches.lifetime().toSeconds());
		ModelAndView page = new ModelAndView("auth/simulator-launch");
		page.addObject("app", app);
		page.addObject("launchUrl", launchUrl);
		page.addObject("context", toJson(sent));
		page.addObject("user", user);
		return page;
	}

	/** Registered apps with a launch URL (configured clients; the registry has no listing of its own). */
	private List<RegisteredClient> apps() {
		return clientProperties.clients().stream()
				.map(AuthProperties.Client::clientId)
				.flatMap(id -> clients.find(id).stream())
				.filter(client -> client.launchUri() != null)
				.toList();
	}

	private Optional<PatientFinder.PatientSummary> visible(UserAccount user, String patientId) {
		if (patientId == null || patientId.isBlank()) {
			return Optional.empty();
		}
		return user.isPatient()
				? Stream.of(patientId).filter(id -> id.equals(user.ownPatientId().get())).findFirst().flatMap(patients::find)
				: patients.visible(user.organization(), patientId);
	}

	private void checkEnabled() {
		if (!properties.launchSimulator().enabled()) {
			throw new AuthorizationPageException("auth.error.simulatorDisabled",
					"the launch simulator is off (renkei.auth.launch-simulator.enabled)", HttpStatus.NOT_FOUND);
		}
	}

	private String toJson(Object value) {
		try {
			return json.writeValueAsString(value);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}
}
