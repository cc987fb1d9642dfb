package dev.cliproxy.formats;

/** Looks into JSON or event data as bytes, without decoding it: the cheap first test before any parsing. */
public final class ByteSearch {

    private ByteSearch() {
    }

    /** Whether {@code needle} occurs in {@code data}. */
    public static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether {@code data} is a JSON object whose first field is {@code quotedField} (given with its quotes, e.g.
     * {@code "error"}), white space allowed around the brace.
     */
    public static boolean startsWithField(byte[] data, byte[] quotedField) {
        int i = skipSpace(data, 0);
        if (i >= data.length || data[i] != '{') {
            return false;
        }
        i = skipSpace(data, i + 1);
        for (int j = 0; j < quotedField.length; j++) {
            if (i + j >= data.length || data[i + j] != quotedField[j]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(byte[] data, int i) {
        while (i < data.length && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) {
            i++;
        }
        return i;
    }
}
