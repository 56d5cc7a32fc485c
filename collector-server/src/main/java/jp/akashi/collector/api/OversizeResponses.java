package jp.akashi.collector.api;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.akashi.probes.util.Json;

/**
 * A body over micronaut.server.max-request-size is refused by Netty's aggregator before any
 * route sees it, with a bare 413 without a body. This puts the API's error document into that
 * response ({@code {"error", "errorJa", "status"}}), so a client learns the limit either way.
 */
@Singleton
public class OversizeResponses implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private record Customizer(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel c, ChannelRole role) {
            return new Customizer(c);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_AGGREGATOR) != null) {
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_AGGREGATOR, "akashi-oversize", new BodyAdder());
            }
        }
    }

    /** Sees what the aggregator writes (outbound, towards the codec) and fills in its empty 413. */
    static final class BodyAdder extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof FullHttpResponse r && r.status().code() == 413 && r.content().readableBytes() == 0) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", RequestTooLarge.MESSAGE);
                body.put("errorJa", RequestTooLarge.MESSAGE_JA);
                body.put("status", 413);
                byte[] json = Json.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
                DefaultFullHttpResponse filled = new DefaultFullHttpResponse(r.protocolVersion(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                        Unpooled.wrappedBuffer(json));
                filled.headers().set(r.headers());
                filled.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                filled.headers().set(HttpHeaderNames.CONTENT_LENGTH, json.length);
                filled.headers().set("Cache-Control", "no-store");
                filled.headers().set("X-Content-Type-Options", "nosniff");
                r.release();
                ctx.write(filled, promise);
                return;
            }
            ctx.write(msg, promise);
        }
    }
}
