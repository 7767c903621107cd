/// A row this transaction has just written or already found: reading it back
/// cannot come up empty, and if it ever did that is a bug — answered as an
/// internal error (500), not a crash of the server.
func written<Value>(_ value: Value?) throws -> Value {
    guard let value else { throw ServiceError.internal }
    return value
}
