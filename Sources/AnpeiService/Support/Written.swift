extension Optional {
    /// A value that validation or the transaction guarantees: a checker returns
    /// nil only after recording an error, and a row this transaction has just
    /// written cannot come up empty. If it ever did, that is a bug — answered as
    /// an internal error (500), never a crash of the server. The one home of
    /// that rule for `Validator`, `RowErrors`, `QueryReader` and `written(_:)`.
    public func guaranteed() throws -> Wrapped {
        guard let self else { throw ServiceError.internal }
        return self
    }
}

/// A row this transaction has just written or already found, read back.
func written<Value>(_ value: Value?) throws -> Value {
    try value.guaranteed()
}
