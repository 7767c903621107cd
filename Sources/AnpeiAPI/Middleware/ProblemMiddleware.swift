import AnpeiDomain
import AnpeiService
import AnpeiWire
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error into a problem+json response, once, here. Unknown
/// errors are logged with the request id and answered with a bare 500: no
/// stack trace, SQL or server message ever reaches the client.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AnpeiRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return problem(for: error, request: request, context: context)
        }
    }

    func problem(for error: any Error, request: Request, context: Context) -> Response {
        let language = Language.negotiate(request.headers[.acceptLanguage])
        let path = request.uri.path
        if let serviceError = ServiceError.from(error) {
            if case .unavailable = serviceError {
                context.logger.error("database unavailable", metadata: ["error": "\(error)"])
            }
            var fieldErrors: [FieldError]?
            if case .validation(let errors) = serviceError { fieldErrors = errors }
            if case .conflict(_, let field?, let message) = serviceError {
                fieldErrors = [FieldError(field: field, code: serviceError.code, message: message)]
            }
            var response = Problem(
                status: serviceError.httpStatus, code: serviceError.code,
                detail: serviceError.message.text(language), language: language,
                instance: path, requestID: context.id, errors: fieldErrors
            ).response()
            switch serviceError {
            case .busy(let seconds), .rateLimited(let seconds): response.headers[HTTPField.Name("Retry-After")!] = String(seconds)
            default: break
            }
            return response
        }
        if let decoding = error as? DecodingError {
            return Problem(
                status: .badRequest, code: "malformed_body", detail: Self.describe(decoding, language),
                language: language, instance: path, requestID: context.id
            ).response()
        }
        if let http = error as? any HTTPResponseError {
            let (code, zh, en): (String, String, String) = switch http.status.code {
            case 404: ("route_not_found", "没有这个接口", "no such endpoint")
            case 405: ("method_not_allowed", "接口不支持此方法", "method not allowed")
            case 413: ("body_too_large", "请求体过大", "request body too large")
            case 400: ("bad_request", "请求格式错误", "bad request")
            default: ("http_\(http.status.code)", "请求无法处理", "request could not be handled")
            }
            var response = Problem(
                status: http.status, code: code, detail: language == .zh ? zh : en, language: language,
                instance: path, requestID: context.id
            ).response()
            // Keep the error's own headers (Allow on a 405).
            if let httpError = http as? HTTPError {
                for field in httpError.headers where response.headers[field.name] == nil { response.headers.append(field) }
            }
            return response
        }
        context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        context.logger.debug("unhandled error detail", metadata: ["error": "\(error)"])
        let e = ServiceError.internal
        return Problem(
            status: .internalServerError, code: e.code, detail: e.message.text(language), language: language,
            instance: path, requestID: context.id
        ).response()
    }

    static func describe(_ error: DecodingError, _ language: Language) -> String {
        func path(_ p: [any CodingKey]) -> String {
            p.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let field = path(ctx.codingPath + [key])
            return language == .zh ? "缺少字段 \(field)" : "missing field \(field)"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            let field = path(ctx.codingPath)
            return language == .zh ? "字段 \(field) 的类型不正确" : "field \(field) has the wrong type"
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty {
                return language == .zh ? "请求体不是有效的 JSON" : "the body is not valid JSON"
            }
            let field = path(ctx.codingPath)
            return language == .zh ? "字段 \(field) 的值无效" : "field \(field) is invalid"
        @unknown default:
            return language == .zh ? "请求体无法解析" : "the body could not be parsed"
        }
    }
}
