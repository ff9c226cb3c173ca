package io.pillar.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens an attacker makes from a genuine one's payload, for the tests that every verifier refuses them, and the
 * request that carries a token larger than any server should read.
 */
public final class ForgedTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {
    }

    /** Unsigned: {@code alg: none} (with the key id of a real key when {@code kid} is given). */
    public static String algNone(String payload, String kid) {
        return header("none", kid) + "." + payload + ".";
    }

    /** HS256 keyed with bytes the verifier knows, such as the realm's public key (the key-confusion attack). */
    public static String hs256(String payload, String kid, byte[] key) {
        String signingInput = header("HS256", kid) + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return signingInput + "."
                    + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key's DER as the PEM text a verifier might hold. */
    public static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A JOSE header of the algorithm, naming the key id when given. */
    public static String header(String alg, String kid) {
        String json = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"")
                + "}";
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The status line of the answer to a GET of {@code url} with this token, or "closed" when the server closed the
     * connection (it may do so while the headers are still being sent: a refusal too).
     */
    public static String answerTo(URI url, String token) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(15_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nAuthorization: Bearer "
                        + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // refused before the headers were all sent; the answer may still be there to read
            }
            try {
                String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return line == null ? "closed" : line;
            } catch (IOException closed) {
                return "closed";
            }
        }
    }
}
