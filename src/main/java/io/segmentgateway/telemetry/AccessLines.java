package io.segmentgateway.telemetry;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * One event loop's access-log lines, written into a byte buffer of its own as the request ends, in the shapes of
 * conf/logback.xml (the readable line, or the JSON object of logback's JsonEncoder), and handed to the sink as one
 * chunk when the buffer is full or a timer fires. Building a line costs well under a microsecond and no lock: the
 * costly part of a log line, its write, happens a few hundred lines at a time on the sink's thread.
 *
 * <p>Confined to its event loop: no lock.
 */
public final class AccessLines {

  /** logback's %logger{36} of the access log's logger name. */
  static final String LOGGER = "io.segmentgateway.telemetry.AccessLog";
  private static final String LOGGER_SHORT = "i.segmentgateway.telemetry.AccessLog";
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");
  private static final int FLUSH_AT = 32 * 1024;

  private final AccessLogSink sink;
  private final boolean json;
  private final ZoneId zone = ZoneId.systemDefault();
  private byte[] bytes;
  private int size;
  private int lines;
  private String thread;
  /** The text line's date and time up to the second, and its offset, for the second they were made for. */
  private long second = Long.MIN_VALUE;
  private String secondText;
  private String offsetText;

  /** An event loop's lines, flushed at 32 KiB or when its timer fires. */
  public AccessLines(AccessLogSink sink, boolean json) {
    this(sink, json, FLUSH_AT + 1024);
  }

  /** capacity: the bytes it starts with (a single line needs a few hundred). */
  AccessLines(AccessLogSink sink, boolean json, int capacity) {
    this.sink = sink;
    this.json = json;
    this.bytes = new byte[capacity];
  }

  /** One request's line; app may be null. */
  void add(String requestId, String method, String route, int status, long nanos, String app) {
    if (thread == null) {
      thread = Thread.currentThread().getName();
    }
    long micros = (nanos + 500) / 1000;
    if (json) {
      json(System.currentTimeMillis(), requestId, method, route, status, micros, app);
    } else {
      text(System.currentTimeMillis(), requestId, method, route, status, micros, app);
    }
    lines++;
    if (size >= FLUSH_AT) {
      flush();
    }
  }

  /** Hands what is buffered to the sink (the loop's timer, a full buffer, the verticle's stop). */
  public void flush() {
    if (lines > 0) {
      sink.offer(Arrays.copyOf(bytes, size), size, lines);
      size = 0;
      lines = 0;
    }
  }

  /** 2026-11-28T16:22:28.947Z INFO  [thread] logger requestId - GET /v1/segments/:id 200 1.204 ms app=demo */
  private void text(long millis, String requestId, String method, String route, int status, long micros,
      String app) {
    dateTime(millis);
    ascii(" INFO  [").ascii(thread).ascii("] ").ascii(LOGGER_SHORT).ascii(" ").ascii(requestId).ascii(" - ");
    message(method, route, status, micros, app, false);
    ascii('\n');
  }

  /** The JSON object logback's JsonEncoder writes with conf/logback.xml's settings, '/' escaped as it does. */
  private void json(long millis, String requestId, String method, String route, int status, long micros,
      String app) {
    ascii("{\"timestamp\":").number(millis)
        .ascii(",\"level\":\"INFO\",\"threadName\":").quoted(thread)
        .ascii(",\"loggerName\":").quoted(LOGGER)
        .ascii(",\"mdc\": {\"requestId\":").quoted(requestId)
        .ascii("},\"kvpList\": [{\"method\":").quoted(method)
        .ascii("},{\"route\":").quoted(route)
        .ascii("},{\"status\":\"").number(status)
        .ascii("\"},{\"durationMs\":\"");
    millis(micros);
    ascii("\"}");
    if (app != null) {
      ascii(",{\"app\":").quoted(app).ascii('}');
    }
    ascii("],\"formattedMessage\":\"");
    message(method, route, status, micros, app, true);
    ascii("\",\"throwable\":null}\n");
  }

  private void message(String method, String route, int status, long micros, String app, boolean escaped) {
    text(method, escaped).ascii(' ');
    text(route, escaped).ascii(' ').number(status).ascii(' ');
    millis(micros);
    ascii(" ms");
    if (app != null) {
      ascii(" app=");
      text(app, escaped);
    }
  }

  /** Milliseconds with microsecond precision, as Double.toString writes them: 1.204, 1.2, 12.0, 0.005. */
  private void millis(long micros) {
    number(micros / 1000).ascii('.');
    int fraction = (int) (micros % 1000);
    if (fraction == 0) {
      ascii('0');
      return;
    }
    int digits = 3;
    while (fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    String text = Integer.toString(fraction);
    for (int i = text.length(); i < digits; i++) {
      ascii('0');
    }
    ascii(text);
  }

  /** %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} in the JVM's zone, as logback writes it; the second is formatted once. */
  private void dateTime(long millis) {
    long s = Math.floorDiv(millis, 1000);
    if (s != second) {
      ZonedDateTime time = Instant.ofEpochSecond(s).atZone(zone);
      secondText = SECOND.format(time);
      offsetText = OFFSET.format(time);
      second = s;
    }
    int ms = (int) Math.floorMod(millis, 1000);
    ascii(secondText).ascii('.').ascii((char) ('0' + ms / 100)).ascii((char) ('0' + ms / 10 % 10))
        .ascii((char) ('0' + ms % 10)).ascii(offsetText);
  }

  private AccessLines quoted(String value) {
    ascii('"');
    text(value, true);
    return ascii('"');
  }

  /** Visible ASCII as it is (request ids, routes, app ids are nothing else); in JSON '"', '\' and '/' escaped. */
  private AccessLines text(String value, boolean escaped) {
    if (!escaped) {
      return ascii(value);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c == '/') {
        ascii('\\');
      }
      ascii(c);
    }
    return this;
  }

  private AccessLines number(long value) {
    return ascii(Long.toString(value));
  }

  private AccessLines ascii(String value) {
    int n = value.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[size + i] = (byte) value.charAt(i);
    }
    size += n;
    return this;
  }

  private AccessLines ascii(char c) {
    ensure(1);
    bytes[size++] = (byte) c;
    return this;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
