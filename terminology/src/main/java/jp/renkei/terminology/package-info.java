/**
 * Japanese terminology support shared by the FHIR server: a plain library with no Spring or
 * Hibernate dependency.
 *
 * <ul>
 *   <li>{@link jp.renkei.terminology.text}: folding of Japanese text (width, kana, case, name
 *       separators) so that spellings of the same word or name compare equal.
 *   <li>{@link jp.renkei.terminology.analysis}: Lucene analyzers built on that folding, for
 *       clinical free text (Kuromoji) and for partial search on names (character n-grams),
 *       ready to be registered with Hibernate Search by instance.
 *   <li>{@link jp.renkei.terminology.codesystem}: small Japanese code systems the project owns,
 *       such as the prefecture numbers and the 10-digit medical institution code with its check
 *       digit.
 * </ul>
 */
package jp.renkei.terminology;
