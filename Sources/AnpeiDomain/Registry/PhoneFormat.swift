/// A phone number as people write it: a digit or "+", then 4 to 19 digits,
/// spaces or hyphens (`^[0-9+][0-9 -]{4,19}$`), checked without a regular
/// expression since imports check one per row. The one rule for the
/// single-record endpoints and the import (issue 10).
public enum PhoneFormat {
    public static func valid(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard (5...20).contains(b.count), b[0] == UInt8(ascii: "+") || (b[0] >= 48 && b[0] <= 57) else { return false }
        return b.dropFirst().allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 0x20 || $0 == UInt8(ascii: "-") }
    }
}
