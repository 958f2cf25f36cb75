package io.segmentgateway.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.RequestId;
import java.nio.charset.StandardCharsets;

/** The bytes of an answer the edge writes itself: a problem, with its request id, on a connection that closes. */
final class EdgeAnswer {

  private EdgeAnswer() {
  }

  static ByteBuf bytes(ByteBufAllocator allocator, Problem problem, String requestId) {
    byte[] body = problem.toJson(requestId)
        .toBuffer()
        .getBytes();
    StringBuilder head = new StringBuilder(256)
        .append("HTTP/1.1 ").append(problem.status()).append(' ')
        .append(HttpResponseStatus.valueOf(problem.status()).reasonPhrase()).append("\r\n")
        .append("Content-Type: ").append(Problem.CONTENT_TYPE).append("\r\n")
        .append("Cache-Control: no-store\r\n")
        .append(RequestId.HEADER).append(": ").append(requestId).append("\r\n")
        .append("Connection: close\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuf out = allocator.buffer(headBytes.length + body.length);
    out.writeBytes(headBytes);
    out.writeBytes(body);
    return out;
  }
}
