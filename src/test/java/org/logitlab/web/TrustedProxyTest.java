package org.logitlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding headers are believed from the trusted proxy only: behind it the client address (the key of the
 * per-client limits) is the one the proxy saw, and the proxy names new runs; from anyone else both are ignored.
 */
class TrustedProxyTest {
    private static final TrustedProxy LOCAL = TrustedProxy.parse("127.0.0.1");
    private static final String BODY = "{\"dataset\": {\"name\": \"blobs\", \"n\": 20}}";

    @TempDir
    Path dataDir;

    @Test
    void behind_the_trusted_proxy_the_client_is_the_last_address_it_forwarded() {
        assertEquals("203.0.113.7", LOCAL.clientAddress("127.0.0.1", List.of("203.0.113.7")));
        // A client cannot hide behind addresses it writes itself: only the proxy's own entry, the last, counts.
        assertEquals("203.0.113.7", LOCAL.clientAddress("127.0.0.1", List.of("10.1.1.1, 198.51.100.2", "203.0.113.7")));
    }

    @Test
    void a_chain_of_trusted_proxies_is_walked_from_the_right() {
        TrustedProxy chain = TrustedProxy.parse("127.0.0.1, 10.0.0.0/8");
        assertEquals("203.0.113.7", chain.clientAddress("127.0.0.1", List.of("198.51.100.2, 203.0.113.7, 10.2.3.4")));
        assertEquals("10.9.9.9", chain.clientAddress("127.0.0.1", List.of("10.9.9.9, 10.2.3.4")),
                "all trusted: the first");
    }

    @Test
    void forwarding_headers_from_anyone_else_are_ignored() {
        assertEquals("192.0.2.1", LOCAL.clientAddress("192.0.2.1", List.of("203.0.113.7")));
        assertEquals("192.0.2.1", TrustedProxy.NONE.clientAddress("192.0.2.1", List.of("203.0.113.7")));
        assertEquals("127.0.0.1", TrustedProxy.NONE.clientAddress("127.0.0.1", List.of("203.0.113.7")));
    }

    @Test
    void an_entry_that_is_not_an_address_stops_the_walk_at_the_last_trusted_hop() {
        assertEquals("127.0.0.1", LOCAL.clientAddress("127.0.0.1", List.of("203.0.113.7, unknown")));
        assertEquals("127.0.0.1", LOCAL.clientAddress("127.0.0.1", List.of("203.0.113.7:4444")));
        assertEquals("127.0.0.1", LOCAL.clientAddress("127.0.0.1", List.of()));
    }

    @Test
    void ipv6_addresses_and_ranges_are_understood_in_any_spelling() {
        TrustedProxy v6 = TrustedProxy.parse("::1, 2001:db8::/32");
        assertTrue(v6.trusts("[0:0:0:0:0:0:0:1]"), "Jetty's bracketed form");
        assertTrue(v6.trusts("2001:db8:ffff::5"));
        assertFalse(v6.trusts("2001:db9::5"));
        assertEquals("2001:db9:0:0:0:0:0:5", v6.clientAddress("::1", List.of("2001:DB9::5")));
        assertTrue(TrustedProxy.parse("192.168.4.0/22").trusts("192.168.7.255"));
        assertFalse(TrustedProxy.parse("192.168.4.0/22").trusts("192.168.8.0"));
    }

    @Test
    void a_setting_that_is_not_a_list_of_addresses_stops_the_server_from_starting() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxy.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxy.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxy.parse("10.0.0.1/x"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxy.parse("010.0.0.1"));
        assertFalse(TrustedProxy.parse(" , ").trusts("127.0.0.1"));
    }

    @Test
    void behind_the_proxy_the_limit_of_new_runs_counts_each_forwarded_client_apart() {
        try (TestServer server = TestServer.start(Settings.forTests(dataDir).withRunsPerMinute(1), LOCAL)) {
            assertEquals(201, server.postJson("/api/runs", BODY, "X-Forwarded-For", "203.0.113.1").status());
            assertEquals(201, server.postJson("/api/runs", BODY, "X-Forwarded-For", "203.0.113.2").status());
            assertEquals(429, server.postJson("/api/runs", BODY, "X-Forwarded-For", "203.0.113.1").status());
        }
    }

    @Test
    void a_client_that_is_not_the_proxy_cannot_escape_the_limit_by_forwarding_headers() {
        TrustedProxy elsewhere = TrustedProxy.parse("192.0.2.10");
        try (TestServer server = TestServer.start(Settings.forTests(dataDir).withRunsPerMinute(1), elsewhere)) {
            assertEquals(201, server.postJson("/api/runs", BODY, "X-Forwarded-For", "203.0.113.1").status());
            assertEquals(429, server.postJson("/api/runs", BODY, "X-Forwarded-For", "203.0.113.2").status());
        }
    }

    @Test
    void the_trusted_proxys_own_connections_are_not_counted_against_the_limit_per_address() throws IOException {
        ClientLimits.Limits two = new ClientLimits.Limits(2, 64, 1024, Duration.ofSeconds(10));
        try (TestServer behind = TestServer.start(Settings.forTests(dataDir).withClientLimits(two), LOCAL);
             TestServer direct = TestServer.start(Settings.forTests(dataDir).withClientLimits(two))) {
            assertEquals(5, servedOfFiveConnections(behind), "nginx's connections to the instance");
            assertEquals(2, servedOfFiveConnections(direct), "one client's connections");
        }
    }

    /** Opens five connections at once from 127.0.0.1, then asks on each: how many are answered. */
    private static int servedOfFiveConnections(TestServer server) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout(10_000);
                sockets.add(s);
            }
            int served = 0;
            for (Socket s : sockets) {
                try {
                    s.getOutputStream().write("GET /api/runs/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    served += s.getInputStream().read() == 'H' ? 1 : 0;
                } catch (IOException closedByServer) {
                    // not served
                }
            }
            return served;
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void the_trusted_proxy_names_the_runs_it_has_created() {
        String proposed = "0123456789abcdef0123456789abcdef";
        try (TestServer proxied = TestServer.start(Settings.forTests(dataDir), LOCAL);
             TestServer direct = TestServer.start(dataDir)) {
            assertEquals(proposed, proxied.postJson("/api/runs", BODY, TrustedProxy.NEW_RUN_HEADER, proposed)
                    .json().get("id").asText());
            // The name is taken: a second run gets a random one rather than replacing the first.
            assertNotEquals(proposed, proxied.postJson("/api/runs", BODY, TrustedProxy.NEW_RUN_HEADER, proposed)
                    .json().get("id").asText());
            assertNotEquals("fedcba9876543210", proxied.postJson("/api/runs", BODY,
                    TrustedProxy.NEW_RUN_HEADER, "fedcba9876543210").json().get("id").asText(), "not a run id");
            TestServer.Lab page = TestServer.Lab.of(proxied.get("/?dataset=moons", TrustedProxy.NEW_RUN_HEADER,
                    "00000000000000000000000000000abc").body());
            assertEquals("00000000000000000000000000000abc", page.id(), "a new page's run too");

            assertNotEquals(proposed, direct.postJson("/api/runs", BODY, TrustedProxy.NEW_RUN_HEADER, proposed)
                    .json().get("id").asText(), "not from an untrusted client");
        }
    }
}
