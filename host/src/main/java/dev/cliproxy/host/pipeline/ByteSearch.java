package dev.cliproxy.host.pipeline;

/** Finds a byte sequence in event data without decoding it. */
final class ByteSearch {

    private ByteSearch() {
    }

    static boolean contains(byte[] data, byte[] needle) {
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
}
