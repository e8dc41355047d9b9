package jp.renkei.apps.smart;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the launch's SMART style ({@link SmartStyle}) into every page's model as {@code smartStyle} (CSS, or null). */
@ControllerAdvice
class SmartStyleAdvice {

	private final SmartSessions sessions;
	private final SmartStyle style;

	SmartStyleAdvice(SmartSessions sessions, SmartStyle style) {
		this.sessions = sessions;
		this.style = style;
	}

	@ModelAttribute("smartStyle")
	String smartStyle(HttpServletRequest request) {
		return sessions.current(request).flatMap(session -> session.styleUrl()).flatMap(style::css).orElse(null);
	}
}
