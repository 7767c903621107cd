extension String {
    /// Trims ASCII spaces, tabs and line breaks (and U+3000 ideographic space,
    /// common in Chinese spreadsheets) without going through Foundation: bulk
    /// imports call this for every cell.
    public var trimmedCell: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        func plain(_ b: UInt8) -> Bool { b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0xE3 && b != 0x80 }
        if plain(first) && plain(last) { return self }
        let scalars = unicodeScalars
        func blank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{3000}" }
        guard let start = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !blank($0) })!
        return String(scalars[start...end])
    }
}
