package jp.renkei.server.request;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The request with its body already read (and, if it came gzip-compressed, inflated), so that HAPI
 * reads the checked bytes rather than the network stream a second time.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

	private static final String CONTENT_ENCODING = "Content-Encoding";

	private final byte[] body;
	private final String decodedText;

	/**
	 * @param body the body as HAPI should see it (inflated)
	 * @param decodedText the body decoded as UTF-8 when it is FHIR text, else {@code null}
	 */
	BufferedBodyRequest(HttpServletRequest request, byte[] body, String decodedText) {
		super(request);
		this.body = body;
		this.decodedText = decodedText;
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(body);
		return new ServletInputStream() {
			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				return in.read(buffer, offset, length);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException("The body is already buffered");
			}
		};
	}

	@Override
	public BufferedReader getReader() {
		if (decodedText != null) {
			return new BufferedReader(new StringReader(decodedText));
		}
		String encoding = getCharacterEncoding();
		return new BufferedReader(new InputStreamReader(getInputStream(),
				encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding)));
	}

	@Override
	public int getContentLength() {
		return body.length;
	}

	@Override
	public long getContentLengthLong() {
		return body.length;
	}

	// The body is inflated already: HAPI must not inflate it again.
	@Override
	public String getHeader(String name) {
		return CONTENT_ENCODING.equalsIgnoreCase(name) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return CONTENT_ENCODING.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
				.filter(name -> !CONTENT_ENCODING.equalsIgnoreCase(name))
				.toList());
	}
}
