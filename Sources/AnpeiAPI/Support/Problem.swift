import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import HTTPTypes
import Hummingbird

extension Problem {
    init(status: HTTPResponse.Status, code: String, detail: String, language: Language,
         instance: String?, requestID: String, errors: [FieldError]? = nil)
    {
        self.init(
            type: "urn:anpei:problem:\(code)", title: Self.title(status, language), status: status.code, detail: detail,
            code: code, instance: instance, requestId: requestID,
            errors: errors?.map { Item(field: $0.field, code: $0.code, message: $0.message.text(language), row: $0.row) })
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json; charset=utf-8"]
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func title(_ status: HTTPResponse.Status, _ language: Language) -> String {
        let zh: String = switch status.code {
        case 400: "请求格式错误"
        case 401: "未认证"
        case 403: "禁止访问"
        case 404: "未找到"
        case 405: "方法不允许"
        case 409: "冲突"
        case 413: "请求体过大"
        case 415: "不支持的媒体类型"
        case 422: "输入校验失败"
        case 429: "请求过于频繁"
        case 503: "服务不可用"
        default: "服务器错误"
        }
        return language == .zh ? zh : status.reasonPhrase
    }
}

extension ServiceError {
    var httpStatus: HTTPResponse.Status {
        switch self {
        case .unauthenticated, .invalidCredentials: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .validation: .unprocessableContent
        case .conflict: .conflict
        case .unavailable: .serviceUnavailable
        case .busy, .rateLimited: .tooManyRequests
        case .internal: .internalServerError
        }
    }
}
