import AnpeiDomain
import AnpeiService
import Foundation
import Hummingbird

extension ImportReport: ResponseEncodable {}

/// `POST /v1/imports/{kind}` takes the CSV file as the request body (any of
/// UTF-8, UTF-8 with BOM, GB18030/GBK); `?dryRun=true` validates and counts
/// without writing. `GET /v1/imports/templates/{kind}` returns a template.
struct ImportRoutes {
    let services: Services

    func add(to group: RouterGroup<AnpeiRequestContext>) {
        group.post("imports/{kind}") { request, context -> ImportReport in
            let kind = try Self.kind(context)
            var q = QueryReader(request)
            let dryRun = q.bool("dryRun") ?? false
            try q.finish()
            let body = try await request.body.collect(upTo: ImportService.maxBytes)
            return try await services.imports.run(
                try context.call(), kind: kind, data: Data(body.readableBytesView), dryRun: dryRun,
                language: Language.negotiate(request.headers[.acceptLanguage]))
        }
        group.get("imports/templates/{kind}") { request, context -> Response in
            _ = try context.call()
            let kind = try Self.kind(context)
            var q = QueryReader(request)
            let language = q.parsed("lang") { Language(rawValue: $0) } ?? .zh
            try q.finish()
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8",
                          .contentDisposition: "attachment; filename=\"\(kind.rawValue)-template.csv\""],
                body: ResponseBody(byteBuffer: ByteBuffer(string: ImportSchema.template(kind, language: language))))
        }
    }

    static func kind(_ context: AnpeiRequestContext) throws -> ImportKind {
        guard let raw = context.parameters.get("kind"), let kind = ImportKind(rawValue: raw) else {
            throw ServiceError.notFound(entity: "import kind")
        }
        return kind
    }
}
