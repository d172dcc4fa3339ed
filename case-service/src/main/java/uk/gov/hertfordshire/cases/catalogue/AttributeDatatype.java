package uk.gov.hertfordshire.cases.catalogue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The datatypes of an attribute, exactly Open311 GeoReport v2's. */
public enum AttributeDatatype {
    STRING("string"),
    NUMBER("number"),
    DATETIME("datetime"),
    TEXT("text"),
    SINGLEVALUELIST("singlevaluelist"),
    MULTIVALUELIST("multivaluelist");

    private final String wireValue;

    AttributeDatatype(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The name Open311 and this service's API use. */
    public String wireValue() {
        return wireValue;
    }

    /** Whether answers are keys from the attribute's allowed values. */
    public boolean isList() {
        return this == SINGLEVALUELIST || this == MULTIVALUELIST;
    }

    public static Optional<AttributeDatatype> fromWire(String value) {
        return Arrays.stream(values()).filter(d -> d.wireValue.equals(value)).findFirst();
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(AttributeDatatype::wireValue).toList();
    }
}
