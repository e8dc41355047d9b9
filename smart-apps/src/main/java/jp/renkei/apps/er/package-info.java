/**
 * 救急 (ER lookup): launched from the ER's EHR or standalone on a phone; finds the patient with
 * {@code Patient/$match}, shows the emergency summary from one {@code Patient/{id}/$summary} request,
 * and opens emergency access (break-the-glass) with a reason.
 */
package jp.renkei.apps.er;
