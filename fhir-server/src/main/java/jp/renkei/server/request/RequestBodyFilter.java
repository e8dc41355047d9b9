package jp.renkei.server.request;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the raw body of every FHIR request before HAPI parses it, reading it exactly once:
 *
 * <ul>
 *   <li>a body larger than {@code renkei.server.max-request-size} (after gzip inflation) is refused
 *       with 413, reading stops one byte past the limit;
 *   <li>FHIR JSON and XML must be valid UTF-8: Java's decoder reports overlong forms, encoded
 *       surrogates and stray bytes, where HAPI's reader would put U+FFFD in their place;
 *   <li>JSON must have no duplicate keys and FHIR JSON its datatypes right ({@link StrictFhirJson});
 *   <li>query and form parameters that Tomcat could not parse (too many, bad escapes) are refused
 *       instead of silently dropped.
 * </ul>
 *
 * <p>Other content types (a PDF to {@code /Binary}) are only size-checked and passed on byte for byte.
 */
public class RequestBodyFilter extends OncePerRequestFilter {

	/** Set by Tomcat when it gave up parsing the parameters (Tomcat's own FailedRequestFilter reads it). */
	private static final String PARAMETER_PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";
	private static final String PARAMETER_PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

	private final int maxRequestBytes;
	private final StrictFhirJson strictJson;
	private final OperationOutcomeResponse errors;

	public RequestBodyFilter(long maxRequestBytes, StrictFhirJson strictJson, OperationOutcomeResponse errors) {
		this.maxRequestBytes = (int) Math.min(maxRequestBytes, Integer.MAX_VALUE - 16);
		this.strictJson = strictJson;
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpServletRequest checked;
		try {
			checked = check(request);
		} catch (RejectedRequestBody rejected) {
			errors.write(request, response, rejected.status(), rejected.issueType(), rejected.getMessage());
			return;
		}
		chain.doFilter(checked, response);
	}

	private HttpServletRequest check(HttpServletRequest request) throws RejectedRequestBody, IOException {
		if (request.getContentLengthLong() > maxRequestBytes) {
			throw tooLarge();
		}
		MediaType contentType = contentType(request);
		if (contentType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(contentType)) {
			// Tomcat reads form bodies itself (bounded by server.tomcat.max-http-form-post-size).
			checkParameters(request);
			return request;
		}
		checkParameters(request);
		if (!hasBody(request)) {
			return request;
		}
		byte[] body = inflate(request, readBounded(request.getInputStream()));
		String text = null;
		if (contentType != null && isFhirText(contentType)) {
			text = decodeUtf8(contentType, body);
			if (isJson(contentType)) {
				if (contentType.getSubtype().toLowerCase(Locale.ROOT).contains("patch")) {
					strictJson.checkSyntax(text);
				} else {
					strictJson.checkResource(text);
				}
			}
		}
		return new BufferedBodyRequest(request, body, text);
	}

	private void checkParameters(HttpServletRequest request) throws RejectedRequestBody {
		request.getParameterMap();
		if (request.getAttribute(PARAMETER_PARSE_FAILED) != null) {
			Object reason = request.getAttribute(PARAMETER_PARSE_FAILED_REASON);
			if (reason != null && reason.toString().equals("POST_TOO_LARGE")) {
				throw new RejectedRequestBody(413, IssueType.TOOCOSTLY, "The form body is larger than this server accepts");
			}
			throw new RejectedRequestBody(400, IssueType.INVALID, "The request parameters cannot be read"
					+ (reason == null ? "" : " (" + reason.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ")")
					+ ": check their number, their %-escapes and that they are UTF-8");
		}
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
	}

	private byte[] readBounded(InputStream in) throws IOException, RejectedRequestBody {
		byte[] body = in.readNBytes(maxRequestBytes + 1);
		if (body.length > maxRequestBytes) {
			throw tooLarge();
		}
		return body;
	}

	/** A gzip body is inflated here, within the same limit, so that a small bomb cannot fill the memory. */
	private byte[] inflate(HttpServletRequest request, byte[] body) throws IOException, RejectedRequestBody {
		String encoding = request.getHeader("Content-Encoding");
		if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
			return body;
		}
		if (!encoding.trim().equalsIgnoreCase("gzip")) {
			throw new RejectedRequestBody(415, IssueType.NOTSUPPORTED,
					"Content-Encoding " + encoding + " is not supported; send the body uncompressed or gzip-compressed");
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return readBounded(in);
		} catch (ZipException | java.io.EOFException e) {
			throw new RejectedRequestBody(400, IssueType.STRUCTURE, "The body is not valid gzip: " + e.getMessage());
		}
	}

	private static String decodeUtf8(MediaType contentType, byte[] body) throws RejectedRequestBody {
		Charset declared;
		try {
			declared = contentType.getCharset();
		} catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
			throw new RejectedRequestBody(415, IssueType.NOTSUPPORTED, "Unknown charset in Content-Type: FHIR content must be UTF-8");
		}
		if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
			throw new RejectedRequestBody(415, IssueType.NOTSUPPORTED,
					"Content-Type declares charset " + declared.name() + ": FHIR content must be UTF-8");
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(body);
		try {
			String text = decoder.decode(bytes).toString();
			// A byte order mark is allowed by RFC 8259 readers but is not content.
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		} catch (MalformedInputException e) {
			throw new RejectedRequestBody(400, IssueType.STRUCTURE, "The body is not valid UTF-8: malformed byte sequence at byte offset "
					+ bytes.position() + " (FHIR content must be UTF-8; overlong forms and encoded surrogates are not allowed)");
		} catch (CharacterCodingException e) {
			throw new RejectedRequestBody(400, IssueType.STRUCTURE, "The body is not valid UTF-8 at byte offset " + bytes.position());
		}
	}

	private static MediaType contentType(HttpServletRequest request) throws RejectedRequestBody {
		String header = request.getContentType();
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return MediaType.parseMediaType(header);
		} catch (InvalidMediaTypeException e) {
			throw new RejectedRequestBody(415, IssueType.NOTSUPPORTED, "Unreadable Content-Type: " + e.getMessage());
		}
	}

	/** The encodings HAPI parses as FHIR (and JSON/XML Patch), as opposed to binary content for /Binary. */
	private static boolean isFhirText(MediaType type) {
		return isJson(type) || isXml(type);
	}

	private static boolean isJson(MediaType type) {
		String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
		return type.getType().equalsIgnoreCase("application") && (subtype.equals("json") || subtype.endsWith("+json"));
	}

	private static boolean isXml(MediaType type) {
		String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
		return (type.getType().equalsIgnoreCase("application") || type.getType().equalsIgnoreCase("text"))
				&& (subtype.equals("xml") || subtype.endsWith("+xml"));
	}

	private RejectedRequestBody tooLarge() {
		return new RejectedRequestBody(413, IssueType.TOOCOSTLY, "The request body is larger than the "
				+ DataSize.ofBytes(maxRequestBytes).toMegabytes() + " MB this server accepts");
	}
}
