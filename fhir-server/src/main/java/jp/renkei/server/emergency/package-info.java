/**
 * Emergency access (break-the-glass): a user with the {@code emergency} role declares purpose of use
 * {@code BTG} or {@code ETREAT} with a reason and sees one patient's records without consent for a
 * limited time; every such access is recorded and flagged for the privacy officer's review.
 */
package jp.renkei.server.emergency;
