// A TCP proxy on loopback that a fault test controls: point a client (the pg pool, the poller)
// at `port` instead of the real server, then make the server vanish without touching the shared
// one. `down(ms)` cuts every open connection and refuses new ones for that long (a PostgreSQL
// stop as the client sees it); `cutAfter(bytes)` drops the connections once that many bytes have
// gone from the server to the client (a connection lost in the middle of a FETCH).
import net from 'node:net';

export type TcpProxy = {
  port: number;
  /** Connections accepted so far. */
  accepted: number;
  /** Connections cut by down() or cutAfter(). */
  cut: number;
  down(ms: number): Promise<void>;
  /** Arms a one-shot cut of every connection after `bytes` more server-to-client bytes. */
  cutAfter(bytes: number): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  let armed: { left: number } | null = null;

  const cutAll = () => {
    for (const s of sockets) s.destroy();
    proxy.cut += sockets.size / 2;
    sockets.clear();
  };

  const server = net.createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    proxy.accepted++;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (armed) {
        armed.left -= chunk.length;
        if (armed.left <= 0) {
          armed = null;
          cutAll();
          return;
        }
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const proxy: TcpProxy = {
    port: (server.address() as net.AddressInfo).port,
    accepted: 0,
    cut: 0,
    async down(ms) {
      refusing = true;
      cutAll();
      await new Promise((r) => setTimeout(r, ms));
      refusing = false;
    },
    cutAfter(bytes) {
      armed = { left: bytes };
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
