package jp.renkei.server.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Shows {@link AuthorizationPageException} as a localized error page with its status, never a stack trace. */
@ControllerAdvice(assignableTypes = {AuthorizationEndpoint.class, AuthorizationFlow.class, LaunchSimulator.class})
public class AuthPageErrorHandler {

	private static final Logger LOG = LoggerFactory.getLogger(AuthPageErrorHandler.class);

	@ExceptionHandler(AuthorizationPageException.class)
	public ModelAndView handle(AuthorizationPageException e, jakarta.servlet.http.HttpServletRequest request) {
		LOG.info("Authorization page refused a request: {}", e.getMessage());
		ModelAndView page = new ModelAndView("auth/error", e.status());
		page.addObject("messageKey", e.messageKey());
		page.addObject("detail", e.getMessage());
		page.addObject("langLinks", AuthPageModel.links(request));
		return page;
	}
}
