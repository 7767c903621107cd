import AnpeiDomain
import AnpeiService
import AnpeiWire
import Foundation
import Hummingbird


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
            // The upload is written to a temporary file a buffer at a time, and
            // only once the import gate has admitted the caller (issue 9 §2).
            let body = request.body
            return try await services.imports.runUpload(
                try context.call(), kind: kind, dryRun: dryRun, language: Language.negotiate(request.headers[.acceptLanguage])
            ) { file in
                var written = 0
                for try await buffer in body {
                    written += buffer.readableBytes
                    if written > ImportService.maxBytes { throw HTTPError(.contentTooLarge) }
                    try file.write(contentsOf: Data(buffer.readableBytesView))
                }
            }
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
