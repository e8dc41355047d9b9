package jp.renkei.apps.smart;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The apps declared as {@link SmartApp} beans, by id. */
@Component
public class SmartApps {

	private final Map<String, SmartApp> apps;

	public SmartApps(List<SmartApp> apps) {
		this.apps = apps.stream().collect(Collectors.toUnmodifiableMap(SmartApp::id, Function.identity()));
	}

	/** The app with {@code id}; unknown ids are a programming error. */
	public SmartApp find(String id) {
		SmartApp app = apps.get(id);
		if (app == null) {
			throw new IllegalArgumentException("no SMART app " + id);
		}
		return app;
	}

	/** The app with {@code id}, or null (for error pages whose app may be unknown). */
	public SmartApp findOrNull(String id) {
		return id == null ? null : apps.get(id);
	}
}
