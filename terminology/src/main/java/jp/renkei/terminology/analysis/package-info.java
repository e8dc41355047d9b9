/**
 * Lucene analyzers for Japanese.
 *
 * <p>{@link jp.renkei.terminology.analysis.JapaneseClinicalAnalyzer} indexes clinical free text
 * word by word with the Kuromoji morphological analyzer; {@link
 * jp.renkei.terminology.analysis.JapaneseNameAnalyzer} indexes personal names as character
 * unigrams and bigrams for partial kana or kanji search. Both fold text with {@link
 * jp.renkei.terminology.analysis.JapaneseFoldingFilter}, so hiragana, katakana and half-width
 * katakana match one another. Nothing here depends on Hibernate Search.
 */
package jp.renkei.terminology.analysis;
