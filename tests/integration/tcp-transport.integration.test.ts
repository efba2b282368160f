import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Listeners } from '../../hardware/transports/listeners.js';
import { TcpTransport } from '../../hardware/transports/tcp-transport.js';
import type { CloseReason } from '../../hardware/transports/transport.js';
import { describeTransportContract } from '../support/transport-contract.js';
import type { TransportFixture, TransportPeer } from '../support/transport-contract.js';
import { collectBytes, nextEvent } from '../support/wait.js';

/**
 * A loopback server standing in for a network printer: the peer is the latest connection.
 */
interface LoopbackPrinter {
  readonly port: number;
  readonly peer: TransportPeer;
  /** Resolves with the next accepted connection (or the current one if there is one). */
  connection(): Promise<Socket>;
  /** Closes the server and every connection. */
  stop(): Promise<void>;
}

async function startLoopbackPrinter(): Promise<LoopbackPrinter> {
  const sockets = new Set<Socket>();
  const data = new Listeners<Uint8Array>();
  const connected = new Listeners<Socket>();
  let current: Socket | undefined;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    current = socket;
    socket.on('data', (chunk: Buffer) => data.emit(chunk));
    // Resets caused by the tests themselves; the client side is what is under test.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      if (current === socket) current = undefined;
    });
    connected.emit(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  // The client's connect callback can run before the server's 'connection' event, so the
  // peer waits for the connection instead of assuming it is there.
  const connection = (): Promise<Socket> =>
    current !== undefined
      ? Promise.resolve(current)
      : nextEvent<Socket>((listener) => connected.add(listener), 'the printer to accept a connection');

  return {
    port,
    connection,
    peer: {
      async write(bytes) {
        const socket = await connection();
        await new Promise<void>((resolve, reject) =>
          socket.write(bytes, (error) => (error === null || error === undefined ? resolve() : reject(error))),
        );
      },
      onData: (listener) => data.add(listener),
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function tcpFixture(): Promise<TransportFixture> {
  const printer = await startLoopbackPrinter();
  return {
    transport: new TcpTransport({ host: '127.0.0.1', port: printer.port }),
    peer: printer.peer,
    async disconnect() {
      (await printer.connection()).destroy();
    },
    dispose: () => printer.stop(),
  };
}

describeTransportContract('TcpTransport over loopback', tcpFixture);

describe('TcpTransport', () => {
  let printer: LoopbackPrinter | undefined;
  const transports: TcpTransport[] = [];

  async function connect(): Promise<TcpTransport> {
    printer = await startLoopbackPrinter();
    const transport = new TcpTransport({ host: '127.0.0.1', port: printer.port });
    transports.push(transport);
    await transport.open();
    return transport;
  }

  afterEach(async () => {
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
    await printer?.stop();
    printer = undefined;
  });

  it('reports a connection reset by the printer as disconnected', async () => {
    const transport = await connect();
    const closed = nextEvent<CloseReason>((listener) => transport.onClose(listener), 'onClose after reset');

    (await printer!.connection()).resetAndDestroy();

    expect(await closed).toEqual({ kind: 'disconnected', detail: 'the device reset the connection' });
    await expect(transport.write(Uint8Array.of(0x1b, 0x40))).rejects.toMatchObject({ code: 'closed' });
  });

  it('reports the printer closing the connection as disconnected', async () => {
    const transport = await connect();
    const closed = nextEvent<CloseReason>((listener) => transport.onClose(listener), 'onClose after FIN');

    (await printer!.connection()).end();

    expect(await closed).toEqual({ kind: 'disconnected', detail: 'the device closed the connection' });
  });

  it('sends everything written before close() ahead of the FIN', async () => {
    const transport = await connect();
    const received = collectBytes((listener) => printer!.peer.onData(listener));
    const socket = await printer!.connection();
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));

    const written = transport.write(new Uint8Array(32 * 1024).fill(0x20));
    await transport.close();
    await Promise.all([written, ended]);

    expect(received.bytes).toHaveLength(32 * 1024);
  });

  it('rejects open() with offline when nothing listens on the port', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const transport = new TcpTransport({ host: '127.0.0.1', port: closedPort });
    transports.push(transport);

    await expect(transport.open()).rejects.toMatchObject({
      name: 'TransportError',
      code: 'offline',
      message: `cannot connect to 127.0.0.1:${closedPort}: connection refused (is the device on and is the port right?)`,
    });
    expect(transport.isOpen).toBe(false);
  });

  it('describes itself as a tcp URL with port 9100 by default', () => {
    expect(new TcpTransport({ host: '192.168.1.50' }).description).toBe('tcp://192.168.1.50:9100');
  });
});
