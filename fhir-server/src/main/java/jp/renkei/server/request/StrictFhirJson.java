package jp.renkei.server.request;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Checks the JSON shape of a FHIR resource before HAPI parses it, for what HAPI's parser accepts
 * silently even with its {@code StrictErrorHandler}: duplicate keys (the last one wins), quoted
 * booleans and numbers ({@code "active":"true"}), numbers and booleans where a string belongs, an
 * array where one value belongs (the first is kept), {@code null} values (dropped), and empty
 * objects and arrays. Element names it does not know are left to HAPI, which rejects them.
 *
 * <p>The rules are those of the FHIR JSON format: primitives {@code boolean} are JSON booleans,
 * {@code integer}, {@code positiveInt}, {@code unsignedInt} and {@code decimal} are JSON numbers,
 * all others JSON strings; {@code null} only as a placeholder in an array of primitives that has a
 * {@code _name} partner.
 */
final class StrictFhirJson {

	private static final Set<String> NUMBER_TYPES = Set.of("integer", "positiveInt", "unsignedInt", "decimal", "integer64");

	private final FhirContext fhirContext;
	private final ObjectMapper mapper;

	StrictFhirJson(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
		JsonFactory factory = JsonFactory.builder()
				.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				// The body is already bounded by the request size limit.
				.streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
				.build();
		this.mapper = new ObjectMapper(factory);
	}

	/** Checks any JSON document for syntax and duplicate keys only (e.g. a JSON Patch). */
	void checkSyntax(String json) throws RejectedRequestBody {
		parse(json);
	}

	/** Checks a FHIR JSON resource: syntax, duplicate keys and the JSON type of every known element. */
	void checkResource(String json) throws RejectedRequestBody {
		JsonNode root = parse(json);
		if (root instanceof ObjectNode resource) {
			checkResource(resource, "");
		}
	}

	private JsonNode parse(String json) throws RejectedRequestBody {
		try (JsonParser parser = mapper.createParser(json)) {
			JsonNode root = mapper.readTree(parser);
			if (parser.nextToken() != null) {
				throw new RejectedRequestBody(400, IssueType.STRUCTURE,
						"The body is not valid JSON: unexpected content after the end of the document at line "
								+ parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr());
			}
			if (root == null) {
				throw new RejectedRequestBody(400, IssueType.STRUCTURE, "The body is empty: a JSON document was expected");
			}
			return root;
		} catch (JsonProcessingException e) {
			String location = e.getLocation() == null ? ""
					: " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
			throw new RejectedRequestBody(400, IssueType.STRUCTURE,
					"The body is not valid JSON" + location + ": " + e.getOriginalMessage());
		} catch (IOException e) {
			throw new RejectedRequestBody(400, IssueType.STRUCTURE, "The body cannot be read as JSON: " + e.getMessage());
		}
	}

	private void checkResource(ObjectNode resource, String containerPath) throws RejectedRequestBody {
		JsonNode typeNode = resource.get("resourceType");
		if (typeNode == null || !typeNode.isTextual()) {
			// HAPI answers a missing or non-text resourceType with its own error.
			return;
		}
		BaseRuntimeElementCompositeDefinition<?> definition;
		try {
			definition = fhirContext.getResourceDefinition(typeNode.textValue());
		} catch (DataFormatException unknownType) {
			return;
		}
		String path = containerPath.isEmpty() ? typeNode.textValue() : containerPath;
		checkComposite(resource, definition, path, true);
	}

	private void checkComposite(ObjectNode object, BaseRuntimeElementCompositeDefinition<?> definition, String path,
			boolean isResource) throws RejectedRequestBody {
		if (object.isEmpty()) {
			throw invalid(path, "an object must have at least one element, found {}");
		}
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			String name = field.getKey();
			if (isResource && name.equals("resourceType")) {
				continue;
			}
			boolean primitiveExtras = name.startsWith("_");
			String elementName = primitiveExtras ? name.substring(1) : name;
			BaseRuntimeChildDefinition child = definition.getChildByName(elementName);
			if (child == null) {
				continue;
			}
			BaseRuntimeElementDefinition<?> element = elementDefinition(child, elementName);
			if (element == null) {
				continue;
			}
			String childPath = path + "." + name;
			boolean repeating = child.getMax() != 1;
			boolean hasPartner = object.has(primitiveExtras ? elementName : "_" + elementName);
			JsonNode value = field.getValue();
			if (repeating) {
				if (!value.isArray()) {
					throw invalid(childPath, "this element repeats, so its value must be a JSON array, found " + describe(value));
				}
				if (value.isEmpty()) {
					throw invalid(childPath, "an array must have at least one item, found []");
				}
				for (int i = 0; i < value.size(); i++) {
					checkValue(value.get(i), element, childPath + "[" + i + "]", primitiveExtras, hasPartner);
				}
			} else {
				if (value.isArray()) {
					throw invalid(childPath, "this element does not repeat, so its value must not be a JSON array");
				}
				checkValue(value, element, childPath, primitiveExtras, false);
			}
		}
	}

	private void checkValue(JsonNode value, BaseRuntimeElementDefinition<?> element, String path, boolean primitiveExtras,
			boolean nullAllowed) throws RejectedRequestBody {
		if (value.isNull()) {
			if (nullAllowed && isPrimitive(element)) {
				return;
			}
			throw invalid(path, "null is not a FHIR value; leave the element out");
		}
		if (primitiveExtras) {
			if (!isPrimitive(element)) {
				throw invalid(path, "only primitive elements have a _ partner");
			}
			checkPrimitiveExtras(value, path);
			return;
		}
		switch (element.getChildType()) {
			case PRIMITIVE_DATATYPE, PRIMITIVE_XHTML, PRIMITIVE_XHTML_HL7ORG, ID_DATATYPE -> checkPrimitive(value, element, path);
			case RESOURCE, CONTAINED_RESOURCE_LIST, CONTAINED_RESOURCES -> {
				if (!(value instanceof ObjectNode resource)) {
					throw invalid(path, "a resource must be a JSON object, found " + describe(value));
				}
				checkResource(resource, path);
			}
			default -> {
				if (!(value instanceof ObjectNode object)) {
					throw invalid(path, "a " + element.getName() + " must be a JSON object, found " + describe(value));
				}
				if (element instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
					checkComposite(object, composite, path, false);
				}
			}
		}
	}

	private void checkPrimitive(JsonNode value, BaseRuntimeElementDefinition<?> element, String path)
			throws RejectedRequestBody {
		String type = element.getName();
		if (type.equals("boolean")) {
			if (!value.isBoolean()) {
				throw invalid(path, "a boolean must be the JSON literal true or false, found " + describe(value));
			}
		} else if (NUMBER_TYPES.contains(type)) {
			if (!value.isNumber()) {
				throw invalid(path, "a " + type + " must be a JSON number, found " + describe(value));
			}
		} else if (!value.isTextual()) {
			throw invalid(path, "a " + type + " must be a JSON string, found " + describe(value));
		}
	}

	/** The {@code _name} object of a primitive: its id and extensions. */
	private void checkPrimitiveExtras(JsonNode value, String path) throws RejectedRequestBody {
		if (!(value instanceof ObjectNode object)) {
			throw invalid(path, "the id and extensions of a primitive must be a JSON object, found " + describe(value));
		}
		checkComposite(object, (BaseRuntimeElementCompositeDefinition<?>) fhirContext.getElementDefinition("Extension"),
				path, false);
	}

	private BaseRuntimeElementDefinition<?> elementDefinition(BaseRuntimeChildDefinition child, String name) {
		// HAPI's extension children do not resolve their own names (and assert so when assertions are on).
		if (name.equals("extension") || name.equals("modifierExtension")) {
			return fhirContext.getElementDefinition("Extension");
		}
		return child.getChildByName(name);
	}

	private static boolean isPrimitive(BaseRuntimeElementDefinition<?> element) {
		return switch (element.getChildType()) {
			case PRIMITIVE_DATATYPE, PRIMITIVE_XHTML, PRIMITIVE_XHTML_HL7ORG, ID_DATATYPE -> true;
			default -> false;
		};
	}

	private static String describe(JsonNode value) {
		return switch (value.getNodeType()) {
			case STRING -> "a string";
			case NUMBER -> "a number";
			case BOOLEAN -> "a boolean";
			case ARRAY -> "an array";
			case OBJECT -> "an object";
			case NULL -> "null";
			default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
		};
	}

	private static RejectedRequestBody invalid(String path, String problem) {
		return new RejectedRequestBody(400, IssueType.STRUCTURE, "Invalid FHIR JSON at " + path + ": " + problem);
	}
}
