/**
 * The SMART client layer shared by the apps: user launches (EHR launch and standalone launch,
 * authorization code with PKCE S256, {@code state} and {@code nonce}, {@code private_key_jwt}, the
 * id_token verified, tokens kept in the HTTP session and refreshed: {@link jp.renkei.apps.smart.SmartAuthorization},
 * {@link jp.renkei.apps.smart.SmartSessions}), the only trusted FHIR server and its discovery
 * ({@link jp.renkei.apps.smart.SmartServer}), the patient banner and SMART style shared by the apps'
 * pages, the pages for expired sessions and refused launches; and the apps as a SMART Backend
 * Services client ({@link jp.renkei.apps.smart.BackendServicesTokenSource}, with its key pair
 * {@link jp.renkei.apps.smart.AppSigningKey} published at {@code /.well-known/jwks.json}) for pages
 * that show no patient, such as the bed board.
 */
package jp.renkei.apps.smart;
