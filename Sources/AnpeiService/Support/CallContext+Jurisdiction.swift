import AnpeiDomain

extension CallContext {
    /// The region a regulator's question is about: their own or one under it
    /// (another region answers 404, as if it did not exist), any for
    /// administrators; other roles may not ask.
    func jurisdiction(_ asked: String?) throws -> RegionCode {
        guard principal.role == .admin || principal.role == .regulator else { throw ServiceError.forbidden }
        switch (principal.scope, asked.flatMap(RegionCode.init)) {
        case (.region(let mine), nil): return mine
        case (.region(let mine), let code?):
            guard mine.contains(code) else { throw ServiceError.notFound(entity: "region") }
            return code
        case (.all, let code?): return code
        default:
            throw ServiceError.validation([FieldError(field: "region", code: "required",
                message: LocalizedText(zh: "请指定有效的行政区划代码", en: "a valid region code is required"))])
        }
    }
}
