import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 child channel with two handlers of ours around the
/// HTTP codec, enforcing `ConnectionLimits`: one in front of the decoder sees
/// raw bytes (a request has started), one after it sees request and response
/// parts (head complete, body flowing, response done, 413 sent).
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let inner: HTTP1Channel
    let limits: ConnectionLimits
    let open: NIOLockedValueBox<Int>

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let state = ConnectionState()
        let admitted = open.withLockedValue { count -> Bool in
            guard count < limits.maxConnections else { return false }
            count += 1
            return true
        }
        guard admitted else {
            logger.warning("connection refused: limit reached", metadata: ["max": "\(limits.maxConnections)"])
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
        }
        let open = self.open
        channel.closeFuture.whenComplete { _ in open.withLockedValue { $0 -= 1 } }
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RawBytesHandler(state: state), position: .first)
        }.flatMap {
            inner.setup(channel: channel, logger: logger)
        }.flatMapThrowing { value in
            let codec = try channel.pipeline.syncOperations.context(handlerType: HTTP1ToHTTPServerCodec.self)
            try channel.pipeline.syncOperations.addHandler(
                RequestPhaseHandler(state: state, limits: limits), position: .after(codec.handler))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Per-connection state shared by the two handlers; both run on the channel's
/// event loop, so no locking.
final class ConnectionState {
    enum Phase { case idle, head, body, handling }
    var phase: Phase = .idle
    /// The response was sent before the request body was fully read (an early refusal).
    var respondedEarly = false
    var since: NIODeadline = .now()
    var lastRead: NIODeadline = .now()
}

/// First in the pipeline: notes that bytes of a new request arrived.
final class RawBytesHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let state: ConnectionState

    init(state: ConnectionState) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let now = NIODeadline.now()
        state.lastRead = now
        if state.phase == .idle {
            state.phase = .head
            state.since = now
        }
        context.fireChannelRead(data)
    }
}

/// After the HTTP codec: tracks the request's phase, closes the connection when
/// a timeout of its phase runs out, and after a 413 response.
final class RequestPhaseHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let state: ConnectionState
    let limits: ConnectionLimits
    var timer: RepeatedTask?
    var closeAfterResponse = false

    init(state: ConnectionState, limits: ConnectionLimits) {
        self.state = state
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let tick = TimeAmount.milliseconds(min(1_000, max(50, limits.headerTimeout.nanoseconds / 4_000_000)))
        let loopContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { [weak self] _ in
            self?.check(context: loopContext.value)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func check(context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        let expired: Bool
        switch state.phase {
        case .idle: expired = now - state.since > limits.idleTimeout
        case .head: expired = now - state.since > limits.headerTimeout
        case .body: expired = now - state.lastRead > limits.readTimeout
        case .handling: expired = false
        }
        if expired {
            timer?.cancel()
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            state.phase = .body
            state.respondedEarly = false
        case .body:
            break
        case .end:
            if state.respondedEarly {
                state.phase = .idle
                state.since = .now()
            } else {
                state.phase = .handling
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch part {
        case .head(let head):
            // Hummingbird would read and discard the rest of a refused body; a
            // client that keeps sending would hold the connection: close it.
            if head.status == .contentTooLarge { closeAfterResponse = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            let closing = closeAfterResponse
            if state.phase == .handling {
                state.phase = .idle
                state.since = .now()
            } else if state.phase == .body {
                state.respondedEarly = true  // the body read timeout still applies
            }
            if closing {
                let loopContext = NIOLoopBound(context, eventLoop: context.eventLoop)
                let written = context.eventLoop.makePromise(of: Void.self)
                written.futureResult.whenComplete { _ in loopContext.value.close(promise: nil) }
                written.futureResult.cascade(to: promise)
                context.writeAndFlush(data, promise: written)
            } else {
                context.write(data, promise: promise)
            }
        }
    }
}
