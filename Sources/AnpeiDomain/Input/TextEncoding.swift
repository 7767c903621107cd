/// The encodings an uploaded file is read in (UTF-8, with or without BOM, else GB18030).
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case gb18030 = "GB18030"
}
