package jp.renkei.apps.er;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import jp.renkei.apps.smart.SmartApps;
import jp.renkei.apps.smart.SmartAuthorization;
import jp.renkei.apps.smart.SmartLaunchRejectedException;
import jp.renkei.apps.smart.SmartServer;
import jp.renkei.apps.smart.SmartSession;
import jp.renkei.apps.smart.SmartSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 救急 (ER lookup): launched from the ER's EHR with the local patient, or standalone on a phone
 * (search by kana name + birth date + sex, or insurance number). Every patient screen comes from
 * one {@code $summary} request; "emergency access" asks for a reason and repeats it with the
 * break-the-glass headers.
 */
@Controller
class ErController {

	private static final Logger LOG = LoggerFactory.getLogger(ErController.class);
	private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	private static final int MAX_REASON = 1000;

	private final SmartAuthorization authorization;
	private final SmartSessions sessions;
	private final SmartServer server;
	private final SmartApps apps;
	private final ErFhirCalls fhir;

	ErController(SmartAuthorization authorization, SmartSessions sessions, SmartServer server, SmartApps apps, ErFhirCalls fhir) {
		this.authorization = authorization;
		this.sessions = sessions;
		this.server = server;
		this.apps = apps;
		this.fhir = fhir;
	}

	/** EHR launch: {@code iss} must be our FHIR server; never followed otherwise. */
	@GetMapping("/er/launch")
	String ehrLaunch(HttpServletRequest request, @RequestParam(name = "iss", required = false) String iss,
			@RequestParam(name = "launch", required = false) String launch) {
		if (!server.isOurs(iss)) {
			throw new SmartLaunchRejectedException(ErConfiguration.APP_ID, "EHR launch from an unknown iss " + iss);
		}
		if (launch == null || launch.isBlank() || launch.length() > 200) {
			throw new SmartLaunchRejectedException(ErConfiguration.APP_ID, "EHR launch without a launch id");
		}
		return "redirect:" + authorization.begin(request, apps.find(ErConfiguration.APP_ID), launch);
	}

	/** Standalone launch (a phone, a bookmark): sign in at the FHIR server, then search. */
	@GetMapping("/er/start")
	String standaloneLaunch(HttpServletRequest request) {
		return "redirect:" + authorization.begin(request, apps.find(ErConfiguration.APP_ID), null);
	}

	/** After a launch: the patient in context, or the search form. */
	@GetMapping("/er")
	String home(HttpServletRequest request, Model model) {
		SmartSession session = sessions.require(request, ErConfiguration.APP_ID);
		if (session.patient().isPresent()) {
			return "redirect:/er/patient/" + session.patient().get();
		}
		model.addAttribute("search", PatientSearch.empty());
		model.addAttribute("csrf", session.csrfToken());
		return "er/search";
	}

	@PostMapping("/er/search")
	String search(HttpServletRequest request, HttpServletResponse response, PatientSearch search,
			@RequestParam(name = "_csrf", required = false) String csrf, Model model) {
		SmartSession session = sessions.require(request, ErConfiguration.APP_ID);
		checkCsrf(session, csrf);
		model.addAttribute("search", search);
		model.addAttribute("csrf", session.csrfToken());
		String problem = search.problem();
		if (problem != null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", problem);
			return "er/search";
		}
		model.addAttribute("candidates", fhir.match(session, search));
		return "er/search";
	}

	@GetMapping("/er/patient/{id}")
	String summary(HttpServletRequest request, HttpServletResponse response, @PathVariable String id, Model model) {
		SmartSession session = sessions.require(request, ErConfiguration.APP_ID);
		String patientId = id;
		model.addAttribute("patientId", patientId);
		model.addAttribute("csrf", session.csrfToken());
		model.addAttribute("searchPath", searchPath(session));
		if (!PATIENT_ID.matcher(id).matches()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			return "er/unavailable";
		}
		try {
			model.addAttribute("summary", fhir.summary(session, patientId, null));
			return "er/summary";
		} catch (ResourceNotFoundException | ForbiddenOperationException e) {
			// Unknown, or no consent: one answer that tells nothing about which.
			LOG.info("Summary of Patient/{} not available to {}: {}", patientId, session.user().subject(), e.getStatusCode());
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			return "er/unavailable";
		}
	}

	@GetMapping("/er/patient/{id}/emergency")
	String emergencyForm(HttpServletRequest request, @PathVariable String id, Model model) {
		SmartSession session = sessions.require(request, ErConfiguration.APP_ID);
		if (!PATIENT_ID.matcher(id).matches()) {
			throw new SmartLaunchRejectedException(ErConfiguration.APP_ID, "not a patient id");
		}
		model.addAttribute("patientId", id);
		model.addAttribute("csrf", session.csrfToken());
		model.addAttribute("reason", "");
		return "er/emergency";
	}

	@PostMapping("/er/patient/{id}/emergency")
	String emergencyAccess(HttpServletRequest request, HttpServletResponse response, @PathVariable String id,
			@RequestParam(name = "reason", required = false) String reason,
			@RequestParam(name = "_csrf", required = false) String csrf, Model model) {
		SmartSession session = sessions.require(request, ErConfiguration.APP_ID);
		checkCsrf(session, csrf);
		if (!PATIENT_ID.matcher(id).matches()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("patientId", id);
			return "er/unavailable";
		}
		String patientId = id;
		String given = reason == null ? "" : reason.strip();
		model.addAttribute("patientId", patientId);
		model.addAttribute("csrf", session.csrfToken());
		model.addAttribute("reason", given);
		if (given.isEmpty() || given.length() > MAX_REASON) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", given.isEmpty() ? "er.emergency.error.reasonMissing" : "er.emergency.error.reasonTooLong");
			return "er/emergency";
		}
		try {
			fhir.summary(session, patientId, given);
		} catch (ResourceNotFoundException | ForbiddenOperationException | InvalidRequestException e) {
			// No role, not a user, or no such patient: one answer again.
			LOG.info("Emergency access to Patient/{} refused for {}: {}", patientId, session.user().subject(), e.getStatusCode());
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			model.addAttribute("problem", "er.emergency.error.refused");
			return "er/emergency";
		}
		return "redirect:/er/patient/" + patientId;
	}

	/** Where "find another patient" leads: the search of a standalone session, a new standalone launch after an EHR launch. */
	private static String searchPath(SmartSession session) {
		return session.patient().isPresent() ? "/er/start" : "/er";
	}

	private static void checkCsrf(SmartSession session, String csrf) {
		if (!session.csrfMatches(csrf)) {
			throw new SmartLaunchRejectedException(ErConfiguration.APP_ID, "a form without this session's CSRF token");
		}
	}
}
