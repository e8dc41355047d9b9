/**
 * Resource protection on {@code /fhir}: who is calling and what they may touch.
 *
 * <ul>
 *   <li>{@link jp.renkei.server.access.BearerTokenInterceptor} requires a valid access token on every
 *       request except {@code GET /fhir/metadata} (and the SMART discovery document, served before HAPI)
 *       and keeps the resulting {@link jp.renkei.server.auth.Caller} for the request.</li>
 *   <li>{@link jp.renkei.server.access.RequestCaller} is how every later feature (consent, audit) asks
 *       who is calling.</li>
 *   <li>{@link jp.renkei.server.access.ScopeEnforcementInterceptor} maps each interaction to a SMART
 *       permission ({@code c r u d s}) and refuses it with 403 {@code insufficient_scope} when no granted
 *       scope permits it.</li>
 *   <li>{@link jp.renkei.server.access.SmartAuthorizationInterceptor} (HAPI's AuthorizationInterceptor)
 *       checks every resource that goes out or is written against the scopes: patient compartment for
 *       patient-context tokens, granular {@code ?category=} filters.</li>
 *   <li>{@link jp.renkei.server.access.CompartmentSearchNarrowing} narrows searches to the patient's
 *       compartment and to granular scope queries, so counts and result sets hold nothing else.</li>
 *   <li>{@link jp.renkei.server.access.PageLinkGuard} binds search page links to the caller they were
 *       given to.</li>
 * </ul>
 */
package jp.renkei.server.access;
