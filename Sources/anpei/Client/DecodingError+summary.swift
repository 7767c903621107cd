import AnpeiDomain

extension DecodingError {
    /// Where the answer broke the contract and how, short enough for one error
    /// line: `items[3].createdAt: …`.
    func summary(_ language: Language) -> String {
        let zh = language == .zh
        let separator = zh ? "：" : ": "
        switch self {
        case .keyNotFound(let key, let context):
            return Self.path(context.codingPath + [key], zh) + separator + (zh ? "缺少字段" : "missing field")
        case .typeMismatch(let type, let context):
            return Self.path(context.codingPath, zh) + separator + (zh ? "类型应为 \(type)" : "expected \(type)")
        case .valueNotFound(let type, let context):
            return Self.path(context.codingPath, zh) + separator + (zh ? "值为空，应为 \(type)" : "null where \(type) was expected")
        case .dataCorrupted(let context):
            return Self.path(context.codingPath, zh) + separator + context.debugDescription
        @unknown default:
            return String(describing: self)
        }
    }

    /// A coding path as a reader writes it: `waves[0].figures.rate`.
    private static func path(_ keys: [any CodingKey], _ zh: Bool) -> String {
        guard !keys.isEmpty else { return zh ? "（整个响应）" : "(the whole answer)" }
        return keys.reduce(into: "") { text, key in
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
    }
}
