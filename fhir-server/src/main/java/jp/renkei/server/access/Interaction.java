package jp.renkei.server.access;

/** A SMART v2 permission letter, the unit scopes grant ({@code patient/Observation.rs}). */
public enum Interaction {
	CREATE('c'),
	READ('r'),
	UPDATE('u'),
	DELETE('d'),
	SEARCH('s');

	private final char letter;

	Interaction(char letter) {
		this.letter = letter;
	}

	public char letter() {
		return letter;
	}

	boolean isReading() {
		return this == READ || this == SEARCH;
	}
}
