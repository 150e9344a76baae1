// A minimal WebSocket client over node:net for the API tests and bench/ws_idle.mjs (Node 20
// has no global WebSocket, and the project installs no npm packages for the API tests).
// RFC 6455: the opening handshake, masked client frames, fragmented messages, ping → pong,
// and the closing handshake. Enough to talk to /api/events; not a general-purpose client.
import crypto from 'node:crypto';
import net from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 };

function frame(opcode, payload = Buffer.alloc(0)) {
  const mask = crypto.randomBytes(4);
  let header;
  if (payload.length < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | payload.length]);
  } else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; ++i) {
    masked[i] = payload[i] ^ mask[i % 4];
  }
  return Buffer.concat([header, mask, masked]);
}

/** An open connection. Messages are queued until read with next(). */
export class WsClient {
  constructor(socket, protocol, leftover) {
    this.socket = socket;
    this.protocol = protocol; // the subprotocol the server accepted, or null
    this.messages = []; // text messages not read yet
    this.received = 0; // text messages received in all
    this.waiters = [];
    this.buffer = Buffer.alloc(0);
    this.fragments = [];
    this.closeSent = false;
    this.closeInfo = null;
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => {}); // ends in 'close'
    socket.on('close', () => this.finish({ code: 1006, reason: '' }));
    if (leftover.length > 0) {
      this.onData(leftover);
    }
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) {
        return;
      }
      const fin = (this.buffer[0] & 0x80) !== 0;
      const opcode = this.buffer[0] & 0x0f;
      const masked = (this.buffer[1] & 0x80) !== 0;
      let length = this.buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (masked) offset += 4; // servers do not mask; tolerated anyway
      if (this.buffer.length < offset + length) {
        return;
      }
      let payload = this.buffer.subarray(offset, offset + length);
      if (masked) {
        const mask = this.buffer.subarray(offset - 4, offset);
        payload = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
      }
      this.buffer = this.buffer.subarray(offset + length);
      this.onFrame(fin, opcode, Buffer.from(payload));
    }
  }

  onFrame(fin, opcode, payload) {
    if (opcode === OP.ping) {
      this.send(OP.pong, payload);
      return;
    }
    if (opcode === OP.pong) {
      return;
    }
    if (opcode === OP.close) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      const reason = payload.length > 2 ? payload.subarray(2).toString('utf8') : '';
      if (!this.closeSent) {
        this.send(OP.close, payload.subarray(0, 2));
        this.closeSent = true;
      }
      this.finish({ code, reason });
      this.socket.end();
      return;
    }
    this.fragments.push(payload);
    if (!fin) {
      return;
    }
    const message = Buffer.concat(this.fragments).toString('utf8');
    this.fragments = [];
    this.received += 1;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve(message);
    } else {
      this.messages.push(message);
    }
  }

  finish(info) {
    if (this.closeInfo === null) {
      this.closeInfo = info;
      this.resolveClosed(info);
      for (const waiter of this.waiters.splice(0)) {
        waiter.reject(new Error(`connection closed (${info.code} ${info.reason})`));
      }
    }
  }

  send(opcode, payload) {
    if (!this.socket.destroyed && this.socket.writable) {
      this.socket.write(frame(opcode, payload));
    }
  }

  sendText(text) {
    this.send(OP.text, Buffer.from(text, 'utf8'));
  }

  /** The next text message; rejects after `timeoutMs` or when the connection closes. */
  next(timeoutMs = 10_000) {
    if (this.messages.length > 0) {
      return Promise.resolve(this.messages.shift());
    }
    if (this.closeInfo !== null) {
      return Promise.reject(new Error(`connection closed (${this.closeInfo.code})`));
    }
    return new Promise((resolve, reject) => {
      const waiter = {};
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no message within ${timeoutMs} ms`));
      }, timeoutMs);
      waiter.resolve = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
      waiter.reject = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      this.waiters.push(waiter);
    });
  }

  /** The next message parsed as JSON whose `type` is `type` (others are skipped). */
  async nextEvent(type, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = JSON.parse(await this.next(Math.max(1, deadline - Date.now())));
      if (event.type === type) {
        return event;
      }
    }
  }

  /** Starts the closing handshake; resolves with {code, reason} when the connection ends. */
  close(code = 1000) {
    if (!this.closeSent && this.closeInfo === null) {
      const payload = Buffer.alloc(2);
      payload.writeUInt16BE(code, 0);
      this.send(OP.close, payload);
      this.closeSent = true;
    }
    return this.closed;
  }

  /** Stops reading from the socket (the kernel buffers fill, then the server's queue). */
  pause() {
    this.socket.pause();
  }

  resume() {
    this.socket.resume();
  }

  destroy() {
    this.socket.destroy();
  }
}

/**
 * Opens a WebSocket to 127.0.0.1:`port` at `path`, offering `protocols`. Resolves with
 * {status, headers (Map, lower-case names), body, ws}; `ws` is a WsClient when the server
 * answered 101, else null (and `body` holds the refusal).
 */
export function openWebSocket(port, path, { protocols = [], headers = {}, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const key = crypto.randomBytes(16).toString('base64');
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no handshake answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.on('error', fail);
    socket.on('connect', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${key}`,
        'Sec-WebSocket-Version: 13',
      ];
      if (protocols.length > 0) {
        lines.push(`Sec-WebSocket-Protocol: ${protocols.join(', ')}`);
      }
      for (const [name, value] of Object.entries(headers)) {
        lines.push(`${name}: ${value}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    const onData = (chunk) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) {
        return;
      }
      const [statusLine, ...headerLines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(statusLine.split(' ')[1]);
      const responseHeaders = new Map();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        responseHeaders.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const rest = received.subarray(end + 4);
      if (status === 101) {
        socket.off('data', onData);
        socket.off('error', fail);
        clearTimeout(timer);
        const expected = crypto.createHash('sha1').update(key + GUID).digest('base64');
        if (responseHeaders.get('sec-websocket-accept') !== expected) {
          socket.destroy();
          reject(new Error('bad Sec-WebSocket-Accept'));
          return;
        }
        const protocol = responseHeaders.get('sec-websocket-protocol') ?? null;
        resolve({ status, headers: responseHeaders, body: null, ws: new WsClient(socket, protocol, rest) });
        return;
      }
      // A refusal: a plain HTTP response with a Content-Length body.
      const length = Number(responseHeaders.get('content-length') ?? 0);
      if (rest.length < length) {
        return;
      }
      clearTimeout(timer);
      socket.destroy();
      const text = rest.subarray(0, length).toString('utf8');
      let body = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      resolve({ status, headers: responseHeaders, body, text, ws: null });
    };
    socket.on('data', onData);
  });
}
