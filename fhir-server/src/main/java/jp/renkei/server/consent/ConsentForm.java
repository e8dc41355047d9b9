package jp.renkei.server.consent;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Reference;

/**
 * The scanned, signed consent form (同意書) sent with {@code $record-consent}: a PDF or an image,
 * inline as base64 {@code data}, within the size limit. It is stored as a {@link Binary} that
 * belongs to the patient ({@code securityContext}), and the Consent points at it.
 */
final class ConsentForm {

	private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
	private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
	private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
	private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
	private static final byte[] TIFF_BE = {'M', 'M', 0, 42};

	private final Attachment attachment;
	private final String contentType;

	private ConsentForm(Attachment attachment, String contentType) {
		this.attachment = attachment;
		this.contentType = contentType;
	}

	/**
	 * Checks the form parameter: present, {@code application/pdf} or {@code image/*}, inline data
	 * (no url), not empty, at most {@code maxBytes}, and content that looks like what it claims for
	 * PDF, PNG, JPEG and TIFF.
	 *
	 * @throws InvalidRequestException (400) naming what is wrong
	 */
	static ConsentForm check(Attachment attachment, long maxBytes) {
		if (attachment == null || attachment.isEmpty()) {
			throw new InvalidRequestException("$record-consent needs the scanned consent form as the parameter 'form'"
					+ " (an Attachment with contentType and base64 data)");
		}
		if (attachment.hasUrl()) {
			throw new InvalidRequestException("The consent form must be sent inline as 'data', not as a url");
		}
		String contentType = attachment.hasContentType()
				? attachment.getContentType().toLowerCase(Locale.ROOT).split(";")[0].trim() : "";
		if (!contentType.equals("application/pdf") && !(contentType.startsWith("image/") && contentType.length() > 6)) {
			throw new InvalidRequestException("The consent form's contentType must be application/pdf or image/*, not '"
					+ attachment.getContentType() + "'");
		}
		byte[] data = attachment.getData();
		if (data == null || data.length == 0) {
			throw new InvalidRequestException("The consent form has no data");
		}
		if (data.length > maxBytes) {
			throw new InvalidRequestException("The consent form is " + data.length + " bytes; at most " + maxBytes + " are accepted");
		}
		if (!looksLike(contentType, data)) {
			throw new InvalidRequestException("The consent form's data is not a " + contentType + " file");
		}
		return new ConsentForm(attachment, contentType);
	}

	private static boolean looksLike(String contentType, byte[] data) {
		return switch (contentType) {
			case "application/pdf" -> startsWith(data, PDF);
			case "image/png" -> startsWith(data, PNG);
			case "image/jpeg" -> startsWith(data, JPEG);
			case "image/tiff" -> startsWith(data, TIFF_LE) || startsWith(data, TIFF_BE);
			default -> true;
		};
	}

	private static boolean startsWith(byte[] data, byte[] prefix) {
		return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
	}

	/** The Binary to store: the form's bytes, readable under the patient's compartment rules. */
	Binary toBinary(String patientId) {
		Binary binary = new Binary();
		binary.setContentType(contentType);
		binary.setData(attachment.getData());
		binary.setSecurityContext(new Reference("Patient/" + patientId));
		return binary;
	}

	/** {@code Consent.sourceAttachment}: where the stored form is, with its type, size and SHA-1 hash. */
	Attachment sourceAttachment(String binaryId, Date recordedAt) {
		Attachment source = new Attachment();
		source.setContentType(contentType);
		source.setUrl("Binary/" + binaryId);
		source.setSize(attachment.getData().length);
		source.setHash(sha1(attachment.getData()));
		source.setTitle(attachment.hasTitle() ? attachment.getTitle() : "同意書（スキャン）");
		source.setLanguage(attachment.getLanguage());
		source.setCreationElement(attachment.hasCreation() ? attachment.getCreationElement().copy()
				: new org.hl7.fhir.r4.model.DateTimeType(recordedAt));
		return source;
	}

	private static byte[] sha1(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-1").digest(data);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-1 is part of every JDK", e);
		}
	}
}
