package dev.specql.deploy.model.yaml;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Decodes a spec as strict UTF-8, naming the encoding of a file saved as UTF-16 or UTF-32 instead. */
final class Encoding {

    private static final String SAVE_AS_UTF8 = "save the file as UTF-8";

    private Encoding() {
    }

    /** The text, without a UTF-8 byte order mark. */
    static String decode(String file, byte[] bytes) throws SpecException {
        Optional<String> wide = wideEncoding(bytes);
        if (wide.isPresent()) {
            throw fail(Location.startOf(file), "the file is " + wide.get() + " encoded; a deployment spec must be UTF-8");
        }
        int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            throw fail(Positions.of(file, out.toString(), out.length()), String.format(Locale.ROOT,
                    "the file is not valid UTF-8 (byte 0x%02X at offset %d)", bytes[offset] & 0xFF, offset));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /**
     * UTF-16 or UTF-32, told by the byte order mark or, without one, by where the NUL bytes of the first two
     * characters fall: a spec starts with ASCII, which these encodings pad with NULs (the method of RFC 4627).
     * UTF-32LE's mark begins with UTF-16LE's, so UTF-32 is tested first.
     */
    static Optional<String> wideEncoding(byte[] bytes) {
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            return Optional.of("UTF-32");
        }
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            return Optional.of("UTF-16");
        }
        if (bytes.length < 4) {
            return Optional.empty();
        }
        String nuls = nulPattern(bytes);
        return switch (nuls) {
            case "000.", ".000" -> Optional.of("UTF-32");
            case "0.0.", ".0.0" -> Optional.of("UTF-16");
            default -> Optional.empty();
        };
    }

    /** The first four bytes as '0' for NUL and '.' for anything else. */
    private static String nulPattern(byte[] bytes) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            sb.append(bytes[i] == 0 ? '0' : '.');
        }
        return sb.toString();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static SpecException fail(Location location, String message) {
        return new SpecException(List.of(Problem.of(location, "", message, SAVE_AS_UTF8)));
    }
}
