/**
 * Japanese code systems owned by the project, kept as code so they are versioned and reviewed
 * with it: {@link jp.renkei.terminology.codesystem.Prefecture} (都道府県番号), {@link
 * jp.renkei.terminology.codesystem.FeeSchedule} (点数表番号) and {@link
 * jp.renkei.terminology.codesystem.MedicalInstitutionCode} (10-digit 医療機関コード with its check
 * digit).
 */
package jp.renkei.terminology.codesystem;
