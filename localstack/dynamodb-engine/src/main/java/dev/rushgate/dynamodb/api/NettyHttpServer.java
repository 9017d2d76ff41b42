package dev.rushgate.dynamodb.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@link DynamoApi} over HTTP/1.1 on 127.0.0.1 with Netty: one event-loop thread decodes requests and writes
 * answers, and each request is worked on a virtual thread of its own, since the work blocks on PostgreSQL.
 * Keep-alive as the client asks. A client that pipelines requests on one connection may get the answers out of
 * order; the AWS SDKs never pipeline.
 */
public final class NettyHttpServer implements AutoCloseable {
    /** DynamoDB's own limit on a request is 16 MB (a BatchWriteItem of 25 items of 400 KB is 10 MB). */
    private static final int MAX_REQUEST = 16 * 1024 * 1024;

    private final EventLoopGroup loop;
    private final Channel channel;
    private final ExecutorService work;

    private NettyHttpServer(EventLoopGroup loop, Channel channel, ExecutorService work) {
        this.loop = loop;
        this.channel = channel;
        this.work = work;
    }

    public static NettyHttpServer start(int port, DynamoApi api) {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Channel channel = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST),
                                    new Dispatch(api, work));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
            return new NettyHttpServer(loop, channel, work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loop.shutdownGracefully();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            loop.shutdownGracefully();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        work.shutdownNow();
        loop.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Hands each whole request to a virtual thread and writes its answer back on the connection. */
    private static final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final DynamoApi api;
        private final ExecutorService work;

        Dispatch(DynamoApi api, ExecutorService work) {
            this.api = api;
            this.work = work;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String target = request.headers().get("X-Amz-Target");
            byte[] body = ByteBufUtil.getBytes(request.content());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            work.execute(() -> {
                DynamoApi.Answer answer = api.handle(target, body);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, DynamoApi.CONTENT_TYPE)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                        .set("x-amzn-RequestId", requestId());
                if (keepAlive) {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                    ctx.writeAndFlush(response);
                } else {
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A client that went away, or a request too large to decode: drop the connection.
            ctx.close();
        }
    }

    /** Unique within this engine's life and across its restarts: the process and its start time, then a counter (a
     * UUID drew from SecureRandom for every answer, a measurable share of a put's CPU; nothing here needs to be
     * unguessable). */
    private static final String REQUEST_ID_PREFIX = (Long.toString(ProcessHandle.current().pid(), 36) + "-"
            + Long.toString(System.currentTimeMillis(), 36) + "-").toUpperCase(Locale.ROOT);
    private static final AtomicLong REQUESTS = new AtomicLong();

    static String requestId() {
        return REQUEST_ID_PREFIX + Long.toString(REQUESTS.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
    }
}
