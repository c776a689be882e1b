package org.logitlab.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.IO;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most so many open connections from one client address; a connection past that is closed as it is accepted.
 * Jetty's own {@code ConnectionLimit} counts all clients together, so one client could still take every
 * connection. Added to the server as a bean, it attaches itself to each connector when the server starts, as
 * {@code ConnectionLimit} does.
 */
final class ConnectionsPerAddress extends AbstractLifeCycle implements SelectorManager.AcceptListener,
        Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final Server server;
    private final int limit;
    private final Predicate<InetAddress> uncounted;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Whose each accepted channel is: a closed channel no longer says. */
    private final ConcurrentHashMap<Object, InetAddress> owners = new ConcurrentHashMap<>();

    /** @param uncounted addresses whose connections are not limited (a trusted proxy's: it limits per client) */
    ConnectionsPerAddress(Server server, int limit, Predicate<InetAddress> uncounted) {
        this.server = server;
        this.limit = limit;
        this.uncounted = uncounted;
    }

    @Override
    protected void doStart() {
        for (Connector c : server.getConnectors()) {
            if (c instanceof AbstractConnector connector) {
                connector.addBean(this);
            }
        }
    }

    @Override
    protected void doStop() {
        for (Connector c : server.getConnectors()) {
            if (c instanceof AbstractConnector connector) {
                connector.removeBean(this);
            }
        }
        open.clear();
        owners.clear();
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        InetAddress address = address(channel);
        if (address == null || uncounted.test(address)) {
            return;
        }
        owners.put(channel, address);
        if (open.merge(address, 1, Integer::sum) > limit) {
            LOG.debug("closing a connection from {}: it has {} open already", address, limit);
            // Registering the closed channel fails, and onAcceptFailed gives its place back.
            IO.close(channel);
        }
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        release(owners.remove(channel));
    }

    @Override
    public void onClosed(Connection connection) {
        release(owners.remove(connection.getEndPoint().getTransport()));
    }

    private void release(InetAddress address) {
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
        }
    }

    private static InetAddress address(SelectableChannel channel) {
        try {
            return channel instanceof SocketChannel socket
                    && socket.getRemoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        } catch (IOException closed) {
            return null;
        }
    }
}
