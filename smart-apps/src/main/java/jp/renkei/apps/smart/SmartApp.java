package jp.renkei.apps.smart;

/**
 * One app of the bundle as the SMART layer sees it: where it starts and what it asks for.
 *
 * @param id short name, also the first path segment of its pages ({@code er})
 * @param nameKey message key of its name
 * @param ehrScope scopes asked for on an EHR launch (with {@code launch})
 * @param standaloneScope scopes asked for on a standalone launch
 * @param homePath where a standalone launch lands, and where the "launch again" link points
 */
public record SmartApp(String id, String nameKey, String ehrScope, String standaloneScope, String homePath) {

	/** The app's standalone launch URL, {@code /<id>/start}: the "sign in again" link of its pages. */
	public String startPath() {
		return "/" + id + "/start";
	}
}
