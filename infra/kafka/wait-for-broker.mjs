// Waits until a Kafka broker answers a Metadata request listing at least one live broker.
// Dependency-free (raw protocol, Metadata v0) so it works before `npm ci`.
// Usage: node wait-for-broker.mjs HOST:PORT [TIMEOUT_SECONDS]
import net from 'node:net';

const [hostPort = '127.0.0.1:19092', timeoutArg = '60'] = process.argv.slice(2);
const [host, portText] = hostPort.split(':');
const deadline = Date.now() + Number(timeoutArg) * 1000;

function metadataRequest() {
  const clientId = Buffer.from('trustwatch-wait');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4);
  let o = 0;
  o = body.writeInt16BE(3, o); // api key: Metadata
  o = body.writeInt16BE(0, o); // api version 0
  o = body.writeInt32BE(1, o); // correlation id
  o = body.writeInt16BE(clientId.length, o);
  o += clientId.copy(body, o);
  body.writeInt32BE(0, o); // no topics listed: brokers only
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

function probe() {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(portText) });
    let received = Buffer.alloc(0);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write(metadataRequest()));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 12) return;
      const brokerCount = received.readInt32BE(8);
      done(brokerCount >= 1);
    });
  });
}

while (Date.now() < deadline) {
  if (await probe()) {
    console.log(`broker at ${hostPort} answers`);
    process.exit(0);
  }
  await new Promise((r) => setTimeout(r, 500));
}
console.error(`broker at ${hostPort} did not answer within ${timeoutArg} s`);
process.exit(1);
