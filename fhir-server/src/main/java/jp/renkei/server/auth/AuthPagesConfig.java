package jp.renkei.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The server-rendered pages (login, approval, patient picker, launch simulator): Japanese first,
 * English when the browser prefers it ({@code Accept-Language}) or the user picks it
 * ({@code ?lang=en}, remembered in a cookie); and the headers that keep them from being framed,
 * cached or leaking URLs through Referer.
 */
@Configuration(proxyBeanMethods = false)
public class AuthPagesConfig implements WebMvcConfigurer {

	static final Locale DEFAULT_LOCALE = Locale.JAPANESE;
	private static final List<Locale> SUPPORTED = List.of(Locale.JAPANESE, Locale.ENGLISH);
	static final String[] PAGE_PATHS = {
		AuthorizationEndpoint.PATH, AuthServerUrls.AUTH_PATH + "/authorize/**", AuthorizationFlow.LOGIN_PATH,
		AuthorizationFlow.LOGIN_PATH + "/**", AuthServerUrls.AUTH_PATH + "/logout", LaunchSimulator.PATH, LaunchSimulator.PATH + "/**"};

	@Bean
	@ConfigurationProperties("spring.messages")
	MessageSourceProperties messageSourceProperties() {
		return new MessageSourceProperties();
	}

	/** Spring Boot's message source needs a base messages.properties; ours are messages_ja and messages_en, Japanese the fallback. */
	@Bean
	MessageSource messageSource(MessageSourceProperties properties) {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames(properties.getBasename().toArray(String[]::new));
		messages.setDefaultEncoding(properties.getEncoding().name());
		messages.setFallbackToSystemLocale(false);
		messages.setDefaultLocale(DEFAULT_LOCALE);
		return messages;
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("renkei-lang");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite("Lax");
		resolver.setDefaultLocaleFunction(AuthPagesConfig::preferredLocale);
		return resolver;
	}

	/** The first language of Accept-Language we have pages in; Japanese otherwise. */
	static Locale preferredLocale(HttpServletRequest request) {
		String header = request.getHeader("Accept-Language");
		if (header == null || header.isBlank()) {
			return DEFAULT_LOCALE;
		}
		try {
			Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
			return match == null ? DEFAULT_LOCALE : match;
		} catch (IllegalArgumentException e) {
			return DEFAULT_LOCALE;
		}
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
		languageSwitch.setParamName("lang");
		languageSwitch.setIgnoreInvalidLocale(true);
		registry.addInterceptor(languageSwitch).addPathPatterns(PAGE_PATHS);
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				response.setHeader("Cache-Control", "no-store");
				response.setHeader("Pragma", "no-cache");
				response.setHeader("X-Frame-Options", "DENY");
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader("Referrer-Policy", "no-referrer");
				// No scripts at all; the pages work without JavaScript.
				response.setHeader("Content-Security-Policy",
						"default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'");
				return true;
			}
		}).addPathPatterns(PAGE_PATHS);
	}
}
