package io.segmentgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that PATCH a service over raw sockets, each on its own thread, keeping a connection until an answer says
 * Connection: close, then opening the next one, until a connection is refused (the listener closed). Odd clients
 * send each body in two parts 0.5 s apart. A request is cut when its connection was accepted and the client got
 * no whole answer (end of stream, a reset, a write that failed).
 */
public final class DrainClients {

  /** What the clients saw; cuts names each cut request. */
  public record Result(int answered, int answeredAfterSignal, int non200, int cut, List<String> cuts) {
  }

  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger answeredClose = new AtomicInteger();
  private final AtomicInteger non200 = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> cuts = new ConcurrentLinkedQueue<>();
  private final CountDownLatch done;

  private DrainClients(int clients) {
    done = new CountDownLatch(clients);
  }

  public static DrainClients start(int port, String key, List<String> ids, int clients) {
    DrainClients all = new DrainClients(clients);
    for (int i = 0; i < clients; i++) {
      int index = i;
      Thread thread = new Thread(() -> all.run(port, key, ids.get(index % ids.size()), index % 2 == 1),
          "drain-client-" + i);
      thread.setDaemon(true);
      thread.start();
    }
    return all;
  }

  /** Waits until every client met a refused connection; answeredAfterSignal counts answers with Connection: close. */
  public Result awaitRefused(long millis) throws InterruptedException {
    if (!done.await(millis, TimeUnit.MILLISECONDS)) {
      throw new AssertionError("clients still connecting " + millis + " ms later");
    }
    return new Result(answered.get(), answeredClose.get(), non200.get(), cuts.size(), List.copyOf(cuts));
  }

  private void run(int port, String key, String id, boolean split) {
    int sent = 0;
    try {
      while (true) {
        Socket socket = new Socket();
        try {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        } catch (ConnectException refused) {
          return;
        }
        try (socket) {
          socket.setSoTimeout(30_000);
          boolean keepAlive = true;
          while (keepAlive) {
            byte[] body = ("{\"id\":\"" + id + "\",\"name\":\"drain " + (sent++) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
            String head = "PATCH /v1/segments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            String answer;
            String failure = "no answer";
            try {
              OutputStream out = socket.getOutputStream();
              out.write(head.getBytes(StandardCharsets.ISO_8859_1));
              if (split) {
                out.write(body, 0, body.length / 2);
                out.flush();
                Thread.sleep(500);
                out.write(body, body.length / 2, body.length - body.length / 2);
              } else {
                out.write(body);
              }
              out.flush();
              answer = readAnswer(socket.getInputStream());
            } catch (IOException e) {
              answer = null;
              failure = e.toString();
            }
            if (answer == null) {
              cuts.add(Thread.currentThread().getName() + " request " + sent + " at " + java.time.Instant.now() + ": "
                  + failure);
              break;
            }
            answered.incrementAndGet();
            if (!answer.startsWith("HTTP/1.1 200 ")) {
              non200.incrementAndGet();
            }
            keepAlive = !answer.toLowerCase().contains("\r\nconnection: close");
            if (!keepAlive) {
              answeredClose.incrementAndGet();
            }
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      cuts.add(Thread.currentThread().getName() + ": " + e);
    } finally {
      done.countDown();
    }
  }

  /** The head and a Content-Length body, or null when the stream ends first. */
  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || head.charAt(head.length() - 1) != '\n' || !head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.append((char) b);
    }
    String text = head.toString();
    int at = text.toLowerCase().indexOf("content-length:");
    int length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 15, text.indexOf('\r', at)).trim());
    if (in.readNBytes(length).length < length) {
      return null;
    }
    return text;
  }
}
