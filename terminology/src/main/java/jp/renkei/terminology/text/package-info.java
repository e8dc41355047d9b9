/**
 * Folding of Japanese text for matching and search.
 *
 * <p>{@link jp.renkei.terminology.text.JapaneseTextFolding} is the single definition of "the same
 * text" used by patient matching and, through the analyzers, by full-text search, so that both
 * agree on which spellings are equal.
 */
package jp.renkei.terminology.text;
