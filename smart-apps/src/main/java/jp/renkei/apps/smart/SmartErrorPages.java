package jp.renkei.apps.smart;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Clear pages for the SMART layer's failures, never a stack trace: session expired (401, with a
 * link to launch the app again), access denied at the authorization server (403), a refused launch
 * or callback (400). Before the FHIR error pages, so that a 401 from the FHIR server (token no longer
 * accepted) reads as an expired session rather than a server error.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SmartErrorPages {

	private static final Logger LOG = LoggerFactory.getLogger(SmartErrorPages.class);

	private final SmartApps apps;
	private final SmartSessions sessions;

	SmartErrorPages(SmartApps apps, SmartSessions sessions) {
		this.apps = apps;
		this.sessions = sessions;
	}

	@ExceptionHandler(SmartSessionExpiredException.class)
	ModelAndView expired(SmartSessionExpiredException e) {
		LOG.info("SMART session expired or missing: {}", e.getMessage());
		return page("smart/expired", HttpStatus.UNAUTHORIZED, e.appId());
	}

	@ExceptionHandler(AuthenticationException.class)
	ModelAndView tokenRefused(AuthenticationException e, HttpServletRequest request) {
		LOG.info("The FHIR server refused the user's token: {}", e.getMessage());
		// The tokens are of no more use: the user signs in again.
		sessions.end(request);
		return page("smart/expired", HttpStatus.UNAUTHORIZED, null);
	}

	@ExceptionHandler(SmartAuthorizationDeniedException.class)
	ModelAndView denied(SmartAuthorizationDeniedException e) {
		LOG.info("Authorization ended without access: {}", e.error());
		ModelAndView page = page("smart/denied", HttpStatus.FORBIDDEN, e.appId());
		page.addObject("userDeclined", "access_denied".equals(e.error()));
		return page;
	}

	@ExceptionHandler(SmartLaunchRejectedException.class)
	ModelAndView rejected(SmartLaunchRejectedException e) {
		LOG.warn("SMART launch refused: {}", e.getMessage());
		return page("smart/rejected", HttpStatus.BAD_REQUEST, e.appId());
	}

	private ModelAndView page(String view, HttpStatus status, String appId) {
		ModelAndView page = new ModelAndView(view);
		page.setStatus(status);
		page.addObject("app", apps.findOrNull(appId));
		return page;
	}
}
