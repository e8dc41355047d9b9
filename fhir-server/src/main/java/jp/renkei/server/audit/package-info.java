/**
 * The audit trail: every {@code /fhir} request touching patient data becomes an AuditEvent (IHE BALP
 * style), written reliably and cheaply.
 *
 * <ul>
 *   <li>{@link jp.renkei.server.audit.AuditTrailInterceptor} describes each request once its response
 *       is known ({@link jp.renkei.server.audit.AuditedRequest}, mapped by
 *       {@link jp.renkei.server.audit.AuditEventMapper}) and inserts one row into the
 *       {@link jp.renkei.server.audit.AuditJournal} before the response is sent; when it cannot, the
 *       request is refused with 503.</li>
 *   <li>{@link jp.renkei.server.audit.AuditMaterializer} turns journal rows into AuditEvent resources in
 *       the background, idempotently, and picks up rows a crash left pending.</li>
 *   <li>{@link jp.renkei.server.audit.AuditEventProtection} keeps AuditEvents append-only and readable
 *       only by the privacy officer and, for their own record, the patient.</li>
 *   <li>{@link jp.renkei.server.audit.AuditReviewOperation} lets the privacy officer mark an emergency
 *       access as reviewed.</li>
 * </ul>
 */
package jp.renkei.server.audit;
