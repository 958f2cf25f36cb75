package io.segmentgateway.edge;

import io.netty.buffer.ByteBuf;
import io.segmentgateway.http.Problem;

/**
 * Follows the requests of one connection byte by byte as RFC 9112 frames them: each head line by line (HeadRules
 * judges it), then its body by Content-Length or by chunks, then the next head. It copies only the current line,
 * and only within a head or a chunk-size line; body bytes are skipped in one step. A verdict other than null
 * means the message boundaries can no longer be trusted.
 */
final class RequestScanner {

  /** What the connection's guard hears about, in the order of the bytes. */
  interface Events {
    void headStarted();

    /** hasBody: a Content-Length above 0 or chunks follow. */
    void headEnded(boolean hasBody);

    void messageEnded();
  }

  enum Phase { IDLE, REQUEST_LINE, HEADER_LINE, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNCHECKED }

  /** Vert.x's decoder refuses longer lines with 414 and 431: such a head is left to it. */
  private static final int MAX_REQUEST_LINE = 4096;
  private static final int MAX_HEADER_LINE = 8192;
  private static final int MAX_CHUNK_LINE = 1024;

  private final Events events;
  private final HeadRules head = new HeadRules();
  private Phase phase = Phase.IDLE;
  private byte[] line = new byte[128];
  private int lineLength;
  private boolean carriageReturn;
  private long remaining;
  private long bodyBytes;
  private Problem problem;
  /** The first rule the current head broke: it is answered once the head is complete, with the head's request id. */
  private Problem headProblem;

  RequestScanner(Events events) {
    this.events = events;
  }

  Phase phase() {
    return phase;
  }

  boolean inHead() {
    return phase == Phase.REQUEST_LINE || phase == Phase.HEADER_LINE;
  }

  boolean inBody() {
    return phase.ordinal() >= Phase.BODY.ordinal() && phase != Phase.UNCHECKED;
  }

  /** Body bytes of the current message so far. */
  long bodyBytes() {
    return bodyBytes;
  }

  HeadRules head() {
    return head;
  }

  /** Why scanning stopped, or null. */
  Problem problem() {
    return problem;
  }

  /**
   * Scans buf from index from to index to. Returns to when all of it may go on to the HTTP decoder; else the index
   * of the first byte that may not (the start of the offending message when it began in this buffer, else from),
   * and problem() says why.
   */
  int scan(ByteBuf buf, int from, int to) {
    int messageStart = from;
    int i = from;
    while (i < to) {
      switch (phase) {
        case UNCHECKED:
          return to;
        case BODY: {
          int n = (int) Math.min(remaining, to - i);
          i += n;
          remaining -= n;
          bodyBytes += n;
          if (remaining == 0) {
            endMessage();
          }
          break;
        }
        case CHUNK_DATA: {
          int n = (int) Math.min(remaining, to - i);
          i += n;
          remaining -= n;
          bodyBytes += n;
          if (remaining == 0) {
            startLine(Phase.CHUNK_END);
          }
          break;
        }
        default: {
          byte b = buf.getByte(i);
          if (phase == Phase.IDLE) {
            if (b == '\r' || b == '\n') {
              // RFC 9112 §2.2: empty lines before a request line are ignored.
              i++;
              continue;
            }
            messageStart = i;
            head.reset();
            headProblem = null;
            bodyBytes = 0;
            startLine(Phase.REQUEST_LINE);
            events.headStarted();
          }
          i++;
          if (b == '\n') {
            lineEnded();
          } else if (!append(b)) {
            if (phase == Phase.UNCHECKED) {
              return to;
            }
          }
          if (problem != null) {
            return messageStart;
          }
        }
      }
    }
    return to;
  }

  private boolean append(byte b) {
    if (carriageReturn) {
      problem = Problem.unreadable("a carriage return not followed by a line feed");
      return false;
    }
    if (b == '\r') {
      carriageReturn = true;
      return true;
    }
    int max = phase == Phase.REQUEST_LINE ? MAX_REQUEST_LINE : phase == Phase.CHUNK_SIZE ? MAX_CHUNK_LINE
        : MAX_HEADER_LINE;
    if (lineLength >= max) {
      if (phase == Phase.REQUEST_LINE || phase == Phase.HEADER_LINE) {
        phase = Phase.UNCHECKED;
      } else {
        problem = Problem.unreadable("a chunk-size or trailer line is too long");
      }
      return false;
    }
    if (lineLength == line.length) {
      byte[] bigger = new byte[Math.min(max, line.length * 2)];
      System.arraycopy(line, 0, bigger, 0, lineLength);
      line = bigger;
    }
    line[lineLength++] = b;
    return true;
  }

  private void startLine(Phase next) {
    phase = next;
    lineLength = 0;
    carriageReturn = false;
  }

  private void lineEnded() {
    switch (phase) {
      case REQUEST_LINE:
        headProblem = head.requestLine(line, lineLength);
        startLine(Phase.HEADER_LINE);
        break;
      case HEADER_LINE:
        if (lineLength > 0) {
          Problem lineProblem = head.headerLine(line, lineLength);
          headProblem = headProblem != null ? headProblem : lineProblem;
          startLine(Phase.HEADER_LINE);
        } else {
          problem = headProblem != null ? headProblem : head.framing();
          if (problem == null) {
            startBody();
          }
        }
        break;
      case CHUNK_SIZE:
        chunkSize();
        break;
      case CHUNK_END:
        if (lineLength != 0) {
          problem = Problem.unreadable("chunk data is not followed by a line end");
        } else {
          startLine(Phase.CHUNK_SIZE);
        }
        break;
      case TRAILER:
        if (lineLength == 0) {
          endMessage();
        } else {
          problem = head.trailerLine(line, lineLength);
          startLine(Phase.TRAILER);
        }
        break;
      default:
        throw new IllegalStateException(phase.name());
    }
  }

  private void startBody() {
    if (head.chunked()) {
      events.headEnded(true);
      startLine(Phase.CHUNK_SIZE);
    } else if (head.contentLength() > 0) {
      events.headEnded(true);
      remaining = head.contentLength();
      phase = Phase.BODY;
    } else {
      events.headEnded(false);
      endMessage();
    }
  }

  /** chunk-size [ chunk-ext ]: 1 to 15 hex digits, then nothing or ";" and extensions (which are ignored). */
  private void chunkSize() {
    long size = 0;
    int digits = 0;
    int i = 0;
    for (; i < lineLength; i++) {
      int digit = Character.digit(line[i], 16);
      if (digit < 0) {
        break;
      }
      size = size * 16 + digit;
      digits++;
    }
    while (i < lineLength && (line[i] == ' ' || line[i] == '\t')) {
      i++;
    }
    if (digits == 0 || digits > 15 || (i < lineLength && line[i] != ';')) {
      problem = Problem.unreadable("a malformed chunk size in a chunked body");
      return;
    }
    if (size == 0) {
      startLine(Phase.TRAILER);
    } else {
      remaining = size;
      phase = Phase.CHUNK_DATA;
    }
  }

  private void endMessage() {
    phase = Phase.IDLE;
    events.messageEnded();
  }
}
