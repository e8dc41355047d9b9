/**
 * The SMART client layer shared by the apps. Today: the apps as a SMART Backend Services client
 * ({@link jp.renkei.apps.smart.BackendServicesTokenSource}, with its key pair
 * {@link jp.renkei.apps.smart.AppSigningKey} published at {@code /.well-known/jwks.json}) for pages
 * that show no patient, such as the bed board. User launches (authorization code, PKCE) come next.
 */
package jp.renkei.apps.smart;
