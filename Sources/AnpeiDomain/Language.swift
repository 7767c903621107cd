import Foundation

/// The language of user-facing text. Simplified Chinese is the default because
/// anpei's users are Chinese officials and safety staff; English is on request.
public enum Language: String, Sendable, CaseIterable {
    case zh
    case en

    /// Picks the language from an `Accept-Language` header value or an
    /// `ANPEI_LANG`-style setting: English only when English is asked for first.
    public static func negotiate(_ header: String?) -> Language {
        guard let header, !header.isEmpty else { return .zh }
        for part in header.split(separator: ",") {
            let tag = part.split(separator: ";").first?
                .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }
}

/// A piece of text in both languages.
public struct LocalizedText: Sendable, Equatable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .zh ? zh : en
    }
}
