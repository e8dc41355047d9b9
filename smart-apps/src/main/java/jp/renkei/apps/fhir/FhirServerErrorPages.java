package jp.renkei.apps.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns a failed call to the regional FHIR server into a localized page instead of a stack trace:
 * 503 when the server cannot be reached or does not answer in time, or no access token can be
 * obtained from its authorization server; 502 when it answers with an error or with something that
 * is not FHIR.
 */
@ControllerAdvice
class FhirServerErrorPages {

	private static final Logger log = LoggerFactory.getLogger(FhirServerErrorPages.class);

	// A subclass of BaseServerResponseException: Spring picks this, the closer match, for it.
	@ExceptionHandler(FhirClientConnectionException.class)
	ModelAndView unreachable(FhirClientConnectionException e) {
		log.warn("FHIR server unreachable: {}", e.getMessage());
		return page(HttpStatus.SERVICE_UNAVAILABLE, "error.fhir.unreachable");
	}

	@ExceptionHandler(AccessTokenUnavailableException.class)
	ModelAndView noToken(AccessTokenUnavailableException e) {
		log.warn("No access token for the FHIR server: {}", e.getMessage());
		return page(HttpStatus.SERVICE_UNAVAILABLE, "error.fhir.unreachable");
	}

	@ExceptionHandler({BaseServerResponseException.class, DataFormatException.class})
	ModelAndView failed(RuntimeException e) {
		log.warn("FHIR server answered with an error: {}", e.getMessage());
		return page(HttpStatus.BAD_GATEWAY, "error.fhir.failed");
	}

	private static ModelAndView page(HttpStatus status, String messageKey) {
		ModelAndView page = new ModelAndView("fhir-error");
		page.setStatus(status);
		page.addObject("messageKey", messageKey);
		return page;
	}
}
