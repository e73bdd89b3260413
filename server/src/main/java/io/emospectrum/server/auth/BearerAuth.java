package io.emospectrum.server.auth;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Bearer-token authentication (RFC 6750): the token in an {@code Authorization: Bearer} header, or
 * in an {@code access_token} query parameter for clients that cannot set headers on a WebSocket
 * (browsers, telephony platforms). Compared in constant time. With no token, everyone is let in
 * (the configuration allows that on loopback only).
 */
public final class BearerAuth {
    private final byte[] token;

    public BearerAuth(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    public boolean enabled() {
        return token != null;
    }

    public boolean allows(Request request) {
        if (token == null) {
            return true;
        }
        String presented = null;
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        } else {
            Fields query = Request.extractQueryParameters(request);
            Fields.Field f = query.get("access_token");
            if (f != null) {
                presented = f.getValue();
            }
        }
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
