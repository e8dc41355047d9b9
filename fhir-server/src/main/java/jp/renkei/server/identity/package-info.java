/**
 * Regional patient identity (地域共通ID): each facility keeps its own Patient record, the region links
 * the records of one person.
 *
 * <ul>
 *   <li>{@link jp.renkei.server.identity.IdentityLinker} indexes every Patient record as it is written
 *       (same transaction) and links it to a person by {@link jp.renkei.server.identity.MatchScorer};</li>
 *   <li>{@link jp.renkei.server.identity.RegionalIdentity} is the API other features use (which records
 *       are the same person);</li>
 *   <li>{@link jp.renkei.server.identity.PatientMatchOperation} answers {@code Patient/$match};</li>
 *   <li>{@link jp.renkei.server.identity.IdentityReviewOperations} lets privacy officers and region
 *       operators review links ({@code $identity}) and correct them ({@code $link}, {@code $unlink}).</li>
 * </ul>
 */
package jp.renkei.server.identity;
